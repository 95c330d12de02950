import { toSqlDate } from '../../db/sql-date';
import type { MetricValue } from './metric-value.entity';
import type { CoreKind, FreeMetricValue, MetricProvider, MetricSubject, ScoreOutcome } from '../../plugin-api/plugin.contract';
import { CORE_KIND_SPECS } from '../kinds/core-kinds';
import { isScoreError } from '../engine/score-batch';

/** Turns a provider's outcomes into metric_value rows; `null` outcomes store nothing. */
export function valueRows(
  provider: MetricProvider<unknown>,
  subjects: MetricSubject[],
  outcomes: ScoreOutcome<unknown>[],
  runId: number,
  asOf: Date,
  /** False when the details are scored on read (see details-on-read): the row keeps only the headline. */
  withDetails = true,
): MetricValue[] {
  const rows: MetricValue[] = [];
  const base = (customerId: number, metricKey: string) => ({ runId, customerId, metricKey, asOf, value: null, label: null, data: null, error: null });
  outcomes.forEach((o, i) => {
    const customerId = subjects[i].customer.id;
    if (o === null || o === undefined) return;
    if (provider.kind !== 'metrics') {
      const kind = provider.kind as CoreKind;
      if (isScoreError(o)) rows.push({ ...base(customerId, kind), error: o.error });
      else {
        const v = o as Record<string, unknown>;
        const spec = CORE_KIND_SPECS[kind];
        rows.push({ ...base(customerId, kind), value: spec.headline(v as never), label: spec.label(v as never), data: withDetails ? v : null });
      }
      return;
    }
    for (const key of provider.metricKeys ?? []) {
      if (isScoreError(o)) rows.push({ ...base(customerId, key), error: o.error });
      else {
        const v = (o as Record<string, FreeMetricValue | undefined>)[key];
        if (v) rows.push({ ...base(customerId, key), value: v.value, label: v.label ?? null });
      }
    }
  });
  return rows;
}

/** The `metric_value` columns in the order of {@link valueCells}, for raw bulk inserts. */
export const VALUE_COLUMNS = ['run_id', 'metric_key', 'customer_id', 'value', 'label', 'data', 'error', 'as_of'];

export function valueCells(r: MetricValue): (string | number | null)[] {
  return [r.runId, r.metricKey, r.customerId, r.value, r.label, r.data ? JSON.stringify(r.data) : null, r.error, toSqlDate(r.asOf)];
}
