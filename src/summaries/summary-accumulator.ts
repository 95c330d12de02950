import { InteractionType } from '../common/enums';
import { utcDay } from '../plugin-kit/history/time-units';
import { roundMoney as money } from '../plugin-kit/history/window-revenue';
import { emptyRecord, type SummaryRecord } from './summary-record';

/** The stored fields of an interaction that a summary is made of. */
export interface SummaryInput {
  occurredAt: Date;
  type: string;
  channel: string;
  contactLevel: string | null;
  amount: number | null;
  currency: string | null;
  margin: number | null;
  expectationScore: number | null;
  perceptionScore: number | null;
}

const bump = (m: Record<string, number>, key: string) => { m[key] = (m[key] ?? 0) + 1; };

/**
 * Folds one customer's interactions, in any order, into its summary record. This is the only
 * definition of the summary: ingest, `summaries:rebuild`, refreshes as of a past date and test
 * fixtures all go through it, so they cannot disagree.
 */
export class SummaryAccumulator {
  private readonly r: SummaryRecord;
  private readonly days = new Set<number>();
  private readonly amountDays = new Set<number>();
  private readonly marginDays = new Set<number>();
  private firstDay = Number.POSITIVE_INFINITY;

  constructor(customerId: number, private readonly baseCurrency: string) {
    this.r = emptyRecord(customerId);
  }

  add(i: SummaryInput): void {
    const r = this.r;
    const at = i.occurredAt;
    const base = i.currency === this.baseCurrency;
    const amount = base ? i.amount : null;
    const margin = base ? i.margin : null;
    r.interactionCount += 1;
    if (!r.firstInteractionAt || at < r.firstInteractionAt) r.firstInteractionAt = at;
    if (!r.lastInteractionAt || at > r.lastInteractionAt) r.lastInteractionAt = at;
    bump(r.byType, i.type);
    bump(r.byChannel, i.channel);
    bump(r.byContactLevel, i.contactLevel ?? '');
    if (i.currency !== null && !base && i.amount !== null) r.foreignAmountCount += 1;
    if (i.expectationScore !== null && i.perceptionScore !== null) {
      r.scoredSurveyCount += 1;
      r.satisfactionGapSum += i.perceptionScore - i.expectationScore;
    }
    if (i.type === InteractionType.PURCHASE) this.addPurchase(at, amount, margin);
    else if (i.type === InteractionType.REFUND) {
      r.refundCount += 1;
      r.refundedAmount += amount ?? 0;
      r.refundMargin += margin ?? 0;
    }
  }

  private addPurchase(at: Date, amount: number | null, margin: number | null): void {
    const r = this.r;
    r.purchaseCount += 1;
    if (!r.firstPurchaseAt || at < r.firstPurchaseAt) r.firstPurchaseAt = at;
    if (!r.lastPurchaseAt || at > r.lastPurchaseAt) r.lastPurchaseAt = at;
    if (amount !== null) { r.basePurchaseCount += 1; r.grossRevenue += amount; }
    if (margin !== null) {
      r.marginedPurchaseCount += 1;
      r.purchaseMargin += margin;
      if (amount !== null) r.marginRevenue += amount;
    }
    const day = utcDay(at);
    this.days.add(day);
    if (amount !== null) this.amountDays.add(day);
    if (margin !== null) this.marginDays.add(day);
    // The first purchase day's own totals, which the BTYD spend models leave out.
    if (day < this.firstDay) {
      this.firstDay = day;
      r.firstDayAmount = amount;
      r.firstDayMargin = margin;
    } else if (day === this.firstDay) {
      if (amount !== null) r.firstDayAmount = (r.firstDayAmount ?? 0) + amount;
      if (margin !== null) r.firstDayMargin = (r.firstDayMargin ?? 0) + margin;
    }
  }

  record(): SummaryRecord {
    const r = this.r;
    const round = (x: number | null) => (x === null ? null : money(x));
    return {
      ...r,
      grossRevenue: money(r.grossRevenue), purchaseMargin: money(r.purchaseMargin), marginRevenue: money(r.marginRevenue),
      refundedAmount: money(r.refundedAmount), refundMargin: money(r.refundMargin),
      firstDayAmount: round(r.firstDayAmount), firstDayMargin: round(r.firstDayMargin),
      purchaseDays: this.days.size, amountDays: this.amountDays.size, marginDays: this.marginDays.size,
      byType: { ...r.byType }, byChannel: { ...r.byChannel }, byContactLevel: { ...r.byContactLevel },
    };
  }
}

/** The summary records of interactions in any order, one per customer that has any. */
export function summarizeInteractions<I extends SummaryInput & { customerId: number }>(rows: Iterable<I>, baseCurrency: string): Map<number, SummaryRecord> {
  const acc = new Map<number, SummaryAccumulator>();
  for (const i of rows) {
    let a = acc.get(i.customerId);
    if (!a) acc.set(i.customerId, (a = new SummaryAccumulator(i.customerId, baseCurrency)));
    a.add(i);
  }
  return new Map([...acc].map(([id, a]) => [id, a.record()]));
}
