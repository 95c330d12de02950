import { MONTH_DAYS } from '../history/time-units';
import { daysPerUnit, type TimeUnit } from './btyd-summary';

/** Expected transactions over a horizon of months, discounted and not. */
export interface HorizonTransactions {
  /** Σ_{k=1..M} (E[N(t_k)] - E[N(t_{k-1})]) / (1+d)^k. */
  discounted: number;
  /** E[N(t_M)]. */
  undiscounted: number;
}

/**
 * Expected transactions over the next `horizonMonths` months, each month's increment discounted
 * at `discountRate` per month to the end of that month: Σ (E[N(t_k)] - E[N(t_{k-1})]) / (1+d)^k,
 * with t_k = k months in the model's time unit. `expected(t)` is the model's expected number of
 * transactions in the next t (BG/NBD, Pareto/NBD...). A fractional horizon ends with a partial month.
 */
export function discountedTransactions(
  expected: (t: number) => number, horizonMonths: number, discountRate: number, unit: TimeUnit,
): HorizonTransactions {
  if (!(horizonMonths > 0) || !Number.isFinite(horizonMonths)) return { discounted: 0, undiscounted: 0 };
  if (!(discountRate > -1) || !Number.isFinite(discountRate)) throw new RangeError(`discountRate must be > -1, got ${discountRate}`);
  const monthInUnits = MONTH_DAYS / daysPerUnit(unit);
  let previous = 0;
  let discounted = 0;
  const months = Math.ceil(horizonMonths);
  for (let k = 1; k <= months; k++) {
    const current = expected(Math.min(k, horizonMonths) * monthInUnits);
    // Expectations grow with t; a rounding dip would make a negative increment.
    discounted += Math.max(0, current - previous) / Math.pow(1 + discountRate, k);
    previous = Math.max(previous, current);
  }
  return { discounted, undiscounted: previous };
}
