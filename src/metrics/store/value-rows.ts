import { toSqlDate } from '../../db/sql-date';
import type { CoreKind, FreeMetricValue, MetricProvider, MetricSubject, ScoreOutcome } from '../../plugin-api/plugin.contract';
import { CORE_KIND_SPECS } from '../kinds/core-kinds';
import { isScoreError } from '../engine/score-batch';

/** The `metric_value` columns in the order of the cells {@link valueCells} makes, for raw bulk writes. */
export const VALUE_COLUMNS = ['run_id', 'metric_key', 'customer_id', 'value', 'label', 'data', 'error', 'as_of'];

export type ValueCells = (string | number | null)[];

/** Where a provider's outcomes go: which run, which of its keys are kept, and what its rows carry. */
export interface ValueTarget {
  runId: number;
  asOf: Date;
  /** The keys whose values are served; the others are not written. */
  served: ReadonlySet<string>;
  /** False when the details are scored on read (see details-on-read): the row keeps only the headline. */
  withDetails: boolean;
}

/**
 * Turns a provider's outcomes into `metric_value` rows (cells in {@link VALUE_COLUMNS} order) of the
 * served keys; `null` outcomes store nothing. Runs for every customer of a refresh: no row objects
 * in between, the as-of text made once.
 */
export function valueCells(provider: MetricProvider<unknown>, subjects: MetricSubject[], outcomes: ScoreOutcome<unknown>[], t: ValueTarget): { rows: ValueCells[]; failed: number[] } {
  const rows: ValueCells[] = [];
  const failed: number[] = [];
  const asOf = toSqlDate(t.asOf);
  const core = provider.kind !== 'metrics' ? provider.kind as CoreKind : null;
  const keys = core ? [core] : provider.metricKeys ?? [];
  const served = keys.filter((k) => t.served.has(k));
  outcomes.forEach((o, i) => {
    if (o === null || o === undefined) return;
    const customerId = subjects[i].customer.id;
    if (isScoreError(o)) {
      failed.push(customerId);
      for (const key of served) rows.push([t.runId, key, customerId, null, null, null, o.error, asOf]);
    } else if (core) {
      if (!served.length) return;
      const spec = CORE_KIND_SPECS[core];
      const v = o as never;
      rows.push([t.runId, core, customerId, spec.headline(v), spec.label(v), t.withDetails ? JSON.stringify(o) : null, null, asOf]);
    } else {
      for (const key of served) {
        const v = (o as Record<string, FreeMetricValue | undefined>)[key];
        if (v) rows.push([t.runId, key, customerId, v.value, v.label ?? null, null, null, asOf]);
      }
    }
  });
  return { rows, failed };
}
