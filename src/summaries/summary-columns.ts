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

// The raw-row key of each field, computed once.
const READS = FIELDS.map(([field, column, codec]) => [field, `s_${column}`, codec] as const);

type Counts = { t: Record<string, number>; c: Record<string, number>; l: Record<string, number> };

/**
 * A record read from `customer_summary`. Built for every customer of every refresh pass, so it is
 * a class (one shape, fields in place) and its type, channel and contact-level counts are parsed
 * from their JSON only when read: most plugins never read them, and parsing them was half the
 * cost of reading a summary.
 */
class StoredSummaryRecord implements SummaryRecord {
  customerId = 0; interactionCount = 0; firstInteractionAt: Date | null = null; lastInteractionAt: Date | null = null;
  purchaseCount = 0; firstPurchaseAt: Date | null = null; lastPurchaseAt: Date | null = null; basePurchaseCount = 0;
  grossRevenue = 0; purchaseMargin = 0; marginedPurchaseCount = 0; marginRevenue = 0; refundCount = 0; refundedAmount = 0;
  refundMargin = 0; foreignAmountCount = 0; scoredSurveyCount = 0; satisfactionGapSum = 0; purchaseDays = 0; amountDays = 0;
  marginDays = 0; firstDayAmount: number | null = null; firstDayMargin: number | null = null;
  readonly #countsText: string;
  #counts: Counts | undefined;

  constructor(row: Record<string, unknown>) {
    const self = this as unknown as Record<string, unknown>;
    for (const [field, key, codec] of READS) {
      const v = row[key];
      self[field] = codec === 'date' ? fromSqlDate(v) : codec === 'num?' ? fromSqlNumber(v) : Number(v ?? 0);
    }
    this.#countsText = String(row.s_counts ?? '{}');
  }

  #parsed(): Counts {
    if (!this.#counts) {
      const c = JSON.parse(this.#countsText) as Partial<Counts>;
      this.#counts = { t: c.t ?? {}, c: c.c ?? {}, l: c.l ?? {} };
    }
    return this.#counts;
  }

  get byType(): Record<string, number> { return this.#parsed().t; }
  get byChannel(): Record<string, number> { return this.#parsed().c; }
  get byContactLevel(): Record<string, number> { return this.#parsed().l; }
}

/** A record from a raw row selected with SUMMARY_SELECT. */
export function summaryFromRow(row: Record<string, unknown>): SummaryRecord {
  return new StoredSummaryRecord(row);
}
