import { InteractionType } from '../../common/enums';
import type { MetricInteraction } from '../../metrics/plugin.contract';
import { DAY_MS, utcDay } from '../history/time-units';

// The per-customer inputs of "buy till you die" models (BG/NBD, Pareto/NBD, Gamma-Gamma).

/** The time unit of x-axis quantities (t_x, T, prediction horizons). */
export type TimeUnit = 'day' | 'week';

/** Days per time unit. */
export function daysPerUnit(unit: TimeUnit): number {
  return unit === 'week' ? 7 : 1;
}

/** One customer's BTYD summary at `asOf`. */
export interface BtydSummary {
  unit: TimeUnit;
  /** Repeat transactions: distinct purchase days - 1. */
  x: number;
  /** Recency: from the first to the last purchase day, in `unit` (0 when x = 0). */
  tx: number;
  /** Age: from the start of the first purchase day to `asOf`, in `unit`. */
  T: number;
  /** Start (UTC midnight) of the first and last purchase days. */
  firstPurchaseDay: Date;
  lastPurchaseDay: Date;
  /** Mean amount of the repeat purchase days that carry a base-currency amount (zbar); null when there is none. */
  meanRepeatValue: number | null;
  /** Repeat days that count in `meanRepeatValue` (the Gamma-Gamma x). */
  repeatValueDays: number;
  /** Mean margin of the repeat purchase days that carry a margin; null when none does. */
  meanRepeatMargin: number | null;
  /** Sum of all purchase amounts in the base currency (first day included). */
  revenue: number;
  /** Sum of all purchase margins. */
  margin: number;
  /** Sum of the amounts of the purchases that carry a margin: margin / marginRevenue is a margin ratio. */
  marginRevenue: number;
}

interface PurchaseDay {
  day: number;
  amount: number | null;
  margin: number | null;
}

/**
 * The BTYD summary of one customer's interactions at `asOf`, or null without a purchase at or
 * before `asOf`. Conventions (they reproduce the published CDNOW calibration summary exactly):
 * - only PURCHASE interactions count; purchases after `asOf` are ignored;
 * - purchases on the same UTC calendar day are one transaction (amounts and margins summed);
 * - x = distinct purchase days - 1 (repeat transactions);
 * - t_x = days from the first to the last purchase day, divided by 1 (day) or 7 (week); 0 when x = 0;
 * - T = (asOf - UTC midnight of the first purchase day) in days, divided by 1 or 7;
 * - zbar (`meanRepeatValue`) = mean amount over the repeat days (the first day excluded);
 * - amounts are null for purchases in a foreign currency: a day without any base-currency amount is
 *   still a transaction but is left out of the means (so `repeatValueDays` can be below x).
 */
export function btydSummary(interactions: MetricInteraction[], asOf: Date, unit: TimeUnit): BtydSummary | null {
  const asOfMs = asOf.getTime();
  const days = new Map<number, PurchaseDay>();
  let revenue = 0;
  let margin = 0;
  let marginRevenue = 0;
  for (const i of interactions) {
    if (i.type !== InteractionType.PURCHASE) continue;
    const at = i.occurredAt.getTime();
    if (!(at <= asOfMs)) continue;
    const day = utcDay(i.occurredAt);
    let entry = days.get(day);
    if (!entry) {
      entry = { day, amount: null, margin: null };
      days.set(day, entry);
    }
    if (i.amount !== null && Number.isFinite(i.amount)) {
      entry.amount = (entry.amount ?? 0) + i.amount;
      revenue += i.amount;
    }
    if (i.margin !== null && Number.isFinite(i.margin)) {
      entry.margin = (entry.margin ?? 0) + i.margin;
      margin += i.margin;
      if (i.amount !== null && Number.isFinite(i.amount)) marginRevenue += i.amount;
    }
  }
  if (days.size === 0) return null;

  const ordered = [...days.values()].sort((p, q) => p.day - q.day);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  const perUnit = daysPerUnit(unit);
  const x = ordered.length - 1;
  const repeat = ordered.slice(1);
  const amounts = repeat.flatMap((d) => (d.amount === null ? [] : [d.amount]));
  const margins = repeat.flatMap((d) => (d.margin === null ? [] : [d.margin]));
  const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);
  return {
    unit,
    x,
    tx: x === 0 ? 0 : (last.day - first.day) / perUnit,
    T: (asOfMs - first.day * DAY_MS) / DAY_MS / perUnit,
    firstPurchaseDay: new Date(first.day * DAY_MS),
    lastPurchaseDay: new Date(last.day * DAY_MS),
    meanRepeatValue: mean(amounts),
    repeatValueDays: amounts.length,
    meanRepeatMargin: mean(margins),
    revenue,
    margin,
    marginRevenue,
  };
}
