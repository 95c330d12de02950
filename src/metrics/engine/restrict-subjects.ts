import type { PluginNeeds } from '../host/plugin-needs';
import type { MetricLink, MetricSubject } from '../../plugin-api/plugin.contract';

/**
 * Whether subjects read for other plugins too already carry no more than these needs: a batch is
 * read in one shape, so its first subject tells. Then the batch is handed over as it is, which
 * spares a copy of every subject for every plugin (most read the summary only).
 */
function carriesOnly(subjects: MetricSubject[], needs: PluginNeeds): boolean {
  const s = subjects[0];
  if (!s) return true;
  return (s.interactions === undefined || needs.requires.has('interactions'))
    && (s.links === undefined || (needs.requires.has('relationships') && needs.linkDepth === 2 && !needs.reads.length))
    && s.metrics === undefined && !needs.reads.length;
}

/** The same subjects as a plugin with these needs would receive them from its own stream. */
export function restrictTo(subjects: MetricSubject[], needs: PluginNeeds): MetricSubject[] {
  if (carriesOnly(subjects, needs)) return subjects;
  const pick = (m: Record<string, number | null> | undefined) => Object.fromEntries(needs.reads.map((k) => [k, m?.[k] ?? null]));
  const trim = (l: MetricLink): MetricLink => {
    const { links, metrics, ...rest } = l;
    return { ...rest, ...(needs.reads.length ? { metrics: pick(metrics) } : {}), ...(needs.linkDepth === 2 && links ? { links: links.map(trim) } : {}) };
  };
  return subjects.map(({ interactions, links, metrics, ...rest }) => ({
    ...rest,
    ...(needs.requires.has('interactions') && interactions ? { interactions } : {}),
    ...(needs.requires.has('relationships') && links ? { links: links.map(trim) } : {}),
    ...(needs.reads.length ? { metrics: pick(metrics) } : {}),
  }));
}
