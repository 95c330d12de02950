import type { MetricsSetup, LoadedPlugin } from './metrics-setup';
import { type Relationship, RELATIONSHIPS } from './metrics-config.schema';
import { CORE_KINDS, type CoreKind } from '../../plugin-api/plugin.contract';

/** A plugin serving a metric key, for one kind of customer or (relationship null) for all. */
export interface MetricSource {
  lp: LoadedPlugin;
  relationship: Relationship | null;
}

/** A source with its served run. */
export interface ServedSource {
  plugin: string;
  runId: number;
  relationship: Relationship | null;
}

/**
 * The plugins serving a metric key: a free metric's owner, or a core kind's route (one source
 * when one plugin serves every customer). Undefined for an unknown key.
 */
export function metricSources(setup: MetricsSetup, key: string): MetricSource[] | undefined {
  if (!(CORE_KINDS as readonly string[]).includes(key)) {
    const owner = setup.freeMetrics.get(key);
    return owner ? [{ lp: owner, relationship: null }] : undefined;
  }
  const route = setup.selected[key as CoreKind] ?? {};
  const lps = RELATIONSHIPS.map((r) => route[r]);
  if (lps[0] && lps[0] === lps[1]) return [{ lp: lps[0], relationship: null }];
  return RELATIONSHIPS.flatMap((r, i) => (lps[i] ? [{ lp: lps[i]!, relationship: r }] : []));
}

/** The sources that have a served run, with that run. */
export function servedSources(sources: MetricSource[], currentRuns: Map<string, number>): ServedSource[] {
  return sources.flatMap(({ lp, relationship }) => {
    const runId = currentRuns.get(lp.plugin.name);
    return runId === undefined ? [] : [{ plugin: lp.plugin.name, runId, relationship }];
  });
}

/** The source that serves a customer of this relationship. */
export function sourceFor<S extends { relationship: Relationship | null }>(sources: S[], relationship: string): S | undefined {
  return sources.find((s) => s.relationship === null || s.relationship === relationship);
}

/**
 * SQL matching a metric_value row (alias `mv`) to the run that serves its customer (alias `c`):
 * `mv.run_id = :run` when one run serves all, otherwise one run per relationship, the first
 * source that serves it (as {@link sourceFor}). That is said twice: as an OR of runs, which lets
 * a plan that starts from metric_value read only those runs, and as `mv.run_id = CASE
 * c.relationship ... END`, which lets a plan that starts from the customer look its row up by the
 * primary key (run, key, customer) instead of reading every run's rows of that customer (10 s
 * against 1 s for a customerStats over 100k customers). No source: matches nothing.
 */
export function sourceCondition(mv: string, c: string, sources: ServedSource[], prefix: string): { sql: string; params: Record<string, unknown> } {
  if (!sources.length) return { sql: '1 = 0', params: {} };
  const params: Record<string, unknown> = {};
  const ors: string[] = [];
  const cases: string[] = [];
  for (const [i, s] of sources.entries()) {
    params[`${prefix}r${i}`] = s.runId;
    if (s.relationship === null) {
      if (!cases.length) return { sql: `${mv}.run_id = :${prefix}r${i}`, params };
      ors.push(`${mv}.run_id = :${prefix}r${i}`);
      cases.push(`ELSE :${prefix}r${i}`);
      break;
    }
    params[`${prefix}k${i}`] = s.relationship;
    ors.push(`(${mv}.run_id = :${prefix}r${i} AND ${c}.relationship = :${prefix}k${i})`);
    cases.push(`WHEN :${prefix}k${i} THEN :${prefix}r${i}`);
  }
  return { sql: `(${ors.join(' OR ')}) AND ${mv}.run_id = CASE ${c}.relationship ${cases.join(' ')} END`, params };
}

/** The core kinds (and relationships) a plugin is selected for, e.g. ['clv'] or ['clv:CONTRACTUAL']. */
export function selectedFor(setup: MetricsSetup, lp: LoadedPlugin): string[] {
  return CORE_KINDS.flatMap((kind) => {
    const sources = metricSources(setup, kind) ?? [];
    return sources.filter((s) => s.lp === lp).map((s) => (s.relationship ? `${kind}:${s.relationship}` : kind));
  });
}

/** Every metric key readers can get: the routed core kinds and the free metrics. */
export function servedMetricKeys(setup: MetricsSetup): string[] {
  return [...CORE_KINDS.filter((k) => (metricSources(setup, k) ?? []).length), ...setup.freeMetrics.keys()];
}

/** The served runs of every metric key, for SQL that may read any of them (rule segments). */
export function servedRunsByKey(setup: MetricsSetup, currentRuns: Map<string, number>): Map<string, ServedSource[]> {
  return new Map(servedMetricKeys(setup).map((key) => [key, servedSources(metricSources(setup, key) ?? [], currentRuns)]));
}
