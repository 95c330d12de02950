import type { PluginNeeds } from '../host/plugin-needs';
import type { MetricLink, MetricSubject } from '../../plugin-api/plugin.contract';

/** The same subjects as a plugin with these needs would receive them from its own stream. */
export function restrictTo(subjects: MetricSubject[], needs: PluginNeeds): MetricSubject[] {
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
