import { fromSqlDate, fromSqlNumber } from '../db/sql-date';
import type { Channel, ContactLevel, InteractionType } from '../common/enums';

/** One (customer, type, channel, contact level) group of the summary query. */
export interface SummaryGroup {
  customerId: number;
  type: InteractionType;
  channel: Channel;
  contactLevel: ContactLevel | null;
  count: number;
  baseAmount: number;
  baseMargin: number;
  baseAmountCount: number;
  /** Interactions with a margin recorded in the base currency. */
  baseMarginCount: number;
  foreignAmountCount: number;
  firstAt: Date | null;
  lastAt: Date | null;
  gapSum: number;
  gapCount: number;
}

export function summaryGroupFromRow(r: Record<string, unknown>): SummaryGroup {
  return {
    customerId: Number(r.cid),
    type: r.type as InteractionType,
    channel: r.channel as Channel,
    contactLevel: (r.level as ContactLevel | null) ?? null,
    count: Number(r.n),
    baseAmount: fromSqlNumber(r.amount) ?? 0,
    baseMargin: fromSqlNumber(r.margin) ?? 0,
    baseAmountCount: Number(r.nbase),
    baseMarginCount: Number(r.nmargin ?? 0),
    foreignAmountCount: Number(r.nforeign),
    firstAt: fromSqlDate(r.firstat),
    lastAt: fromSqlDate(r.lastat),
    gapSum: fromSqlNumber(r.gapsum) ?? 0,
    gapCount: Number(r.gapn),
  };
}
