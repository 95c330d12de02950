import type { CustomerSummary } from '../../summaries/customer-summary';
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

/**
 * One customer's BTYD summary at `asOf`, from its customer summary as of `asOf` (the host hands
 * plugins exactly that), or null without a purchase. Conventions (they reproduce the published
 * CDNOW calibration summary exactly):
 * - only PURCHASE interactions count;
 * - purchases on the same UTC calendar day are one transaction (amounts and margins summed);
 * - x = distinct purchase days - 1 (repeat transactions);
 * - t_x = days from the first to the last purchase day, divided by 1 (day) or 7 (week); 0 when x = 0;
 * - T = (asOf - UTC midnight of the first purchase day) in days, divided by 1 or 7;
 * - zbar (`meanRepeatValue`) = mean amount over the repeat days (the first day excluded);
 * - amounts in a foreign currency are left out: a day without any base-currency amount is still a
 *   transaction but is left out of the means (so `repeatValueDays` can be below x).
 */
export function btydSummary(summary: CustomerSummary, asOf: Date, unit: TimeUnit): BtydSummary | null {
  if (!summary.purchaseDays || !summary.firstPurchaseAt || !summary.lastPurchaseAt) return null;
  // A pass as of now reads summaries that ingest keeps updating, and timestamps may run ahead by
  // the allowed clock skew: a first purchase after asOf means none yet, and later purchases are
  // taken as at asOf (T >= t_x), so one customer can never make the population's likelihood fail.
  if (summary.firstPurchaseAt.getTime() > asOf.getTime()) return null;
  const first = utcDay(summary.firstPurchaseAt);
  const last = utcDay(summary.lastPurchaseAt);
  const perUnit = daysPerUnit(unit);
  const x = summary.purchaseDays - 1;
  const t = summary.purchaseDayTotals;
  const repeatValueDays = t.withAmount - (t.firstDayAmount === null ? 0 : 1);
  const repeatMarginDays = t.withMargin - (t.firstDayMargin === null ? 0 : 1);
  const tx = x === 0 ? 0 : (last - first) / perUnit;
  return {
    unit,
    x,
    tx,
    T: Math.max(tx, (asOf.getTime() - first * DAY_MS) / DAY_MS / perUnit),
    firstPurchaseDay: new Date(first * DAY_MS),
    lastPurchaseDay: new Date(last * DAY_MS),
    meanRepeatValue: repeatValueDays > 0 ? (summary.grossRevenue - (t.firstDayAmount ?? 0)) / repeatValueDays : null,
    repeatValueDays,
    meanRepeatMargin: repeatMarginDays > 0 ? (t.purchaseMargin - (t.firstDayMargin ?? 0)) / repeatMarginDays : null,
    revenue: summary.grossRevenue,
    margin: t.purchaseMargin,
    marginRevenue: t.marginRevenue,
  };
}
