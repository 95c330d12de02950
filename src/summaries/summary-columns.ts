import { fromSqlDate, fromSqlNumber, toSqlDate } from '../db/sql-date';
import type { SummaryRecord } from './summary-record';

// How a SummaryRecord maps to a `customer_summary` row, both ways, for raw bulk reads and writes.

type Field = Exclude<keyof SummaryRecord, 'byType' | 'byChannel' | 'byContactLevel'>;
type Codec = 'int' | 'num' | 'num?' | 'date';

const FIELDS: [Field, string, Codec][] = [
  ['customerId', 'customer_id', 'int'], ['interactionCount', 'interaction_count', 'int'],
  ['firstInteractionAt', 'first_interaction_at', 'date'], ['lastInteractionAt', 'last_interaction_at', 'date'],
  ['purchaseCount', 'purchase_count', 'int'], ['firstPurchaseAt', 'first_purchase_at', 'date'], ['lastPurchaseAt', 'last_purchase_at', 'date'],
  ['basePurchaseCount', 'base_purchase_count', 'int'], ['grossRevenue', 'gross_revenue', 'num'], ['purchaseMargin', 'purchase_margin', 'num'],
  ['marginedPurchaseCount', 'margined_purchase_count', 'int'], ['marginRevenue', 'margin_revenue', 'num'],
  ['refundCount', 'refund_count', 'int'], ['refundedAmount', 'refunded_amount', 'num'], ['refundMargin', 'refund_margin', 'num'],
  ['foreignAmountCount', 'foreign_amount_count', 'int'], ['scoredSurveyCount', 'scored_survey_count', 'int'],
  ['satisfactionGapSum', 'satisfaction_gap_sum', 'num'], ['purchaseDays', 'purchase_days', 'int'], ['amountDays', 'amount_days', 'int'],
  ['marginDays', 'margin_days', 'int'], ['firstDayAmount', 'first_day_amount', 'num?'], ['firstDayMargin', 'first_day_margin', 'num?'],
];

/** The table's columns in the order of {@link summaryRow}. */
export const SUMMARY_COLUMNS = [...FIELDS.map(([, column]) => column), 'counts'];

/** The columns to select, each aliased to itself (raw rows then read the same on every engine). */
export const SUMMARY_SELECT = (alias: string) => SUMMARY_COLUMNS.map((c) => `${alias}.${c} AS s_${c}`).join(', ');

export function summaryRow(r: SummaryRecord): (string | number | null)[] {
  const cells = FIELDS.map(([field, , codec]) => {
    const v = r[field];
    return codec === 'date' ? (v ? toSqlDate(v as Date) : null) : (v as number | null);
  });
  return [...cells, JSON.stringify({ t: r.byType, c: r.byChannel, l: r.byContactLevel })];
}

/** A record from a raw row selected with SUMMARY_SELECT. */
// The raw-row key of each field, computed once: this runs for every customer of every pass.
const READS = FIELDS.map(([field, column, codec]) => [field, `s_${column}`, codec] as const);

export function summaryFromRow(row: Record<string, unknown>): SummaryRecord {
  const out: Record<string, unknown> = {};
  for (const [field, key, codec] of READS) {
    const v = row[key];
    out[field] = codec === 'date' ? fromSqlDate(v) : codec === 'num?' ? fromSqlNumber(v) : Number(v ?? 0);
  }
  const counts = JSON.parse(String(row.s_counts ?? '{}')) as { t?: Record<string, number>; c?: Record<string, number>; l?: Record<string, number> };
  return { ...(out as Omit<SummaryRecord, 'byType' | 'byChannel' | 'byContactLevel'>), byType: counts.t ?? {}, byChannel: counts.c ?? {}, byContactLevel: counts.l ?? {} };
}
