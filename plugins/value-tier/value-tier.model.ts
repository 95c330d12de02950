import type { ValueParts } from './value-parts.model';

/** BZ below zero, MVC most valuable, MGC most growable, OTHER everyone else with purchases. */
export type Tier = 'BZ' | 'MVC' | 'MGC' | 'OTHER';

/** The population cut points: the lowest actual value of an MVC and the lowest growth gap of an MGC. */
export interface TierCuts {
  /** Null: nobody is MVC (no ranked customers, or mvcShare 0). */
  mvcCut: number | null;
  /** Null: nobody is MGC (no ranked non-MVC customer with a CLV, or mgcShare 0). */
  mgcCut: number | null;
}

/**
 * How many of `n` customers make the top `share`: ceil(share x n), so any share > 0 of a
 * non-empty population names at least one. The product is nudged down by a relative 1e-9 first:
 * 0.1 x 30 is 3.0000000000000004 in binary and must stay 3.
 */
export function topCount(share: number, n: number): number {
  const raw = share * n;
  return Math.min(n, Math.max(0, Math.ceil(raw - 1e-9 * Math.max(1, raw))));
}

/** The k-th largest of the values (1-based), or null when k is 0 or beyond them. */
function kthLargest(values: ArrayLike<number>, k: number): number | null {
  if (k < 1 || k > values.length) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[sorted.length - k];
}

/** MVC on actual value alone; an actual value of 0 or less is never "most valuable". */
export function isMvc(actual: number, mvcCut: number | null): boolean {
  return mvcCut !== null && actual > 0 && actual >= mvcCut;
}

/**
 * Cut points over the ranked customers (buyers that are not BZ), given as parallel arrays: each
 * one's actual value and growth gap (its CLV; NaN when it has none).
 * - mvcCut: the actual value of rank topCount(mvcShare, n) from the top, so the top share (and
 *   anyone tied with its last member) is MVC.
 * - mgcCut: among the m customers that are not MVC, the growth gap of rank topCount(mgcShare, m)
 *   from the top; those without a CLV rank below everyone, so when fewer have one, the lowest
 *   known gap is the cut.
 */
export function tierCuts(actuals: ArrayLike<number>, gaps: ArrayLike<number>, shares: { mvcShare: number; mgcShare: number }): TierCuts {
  const n = actuals.length;
  const mvcCut = kthLargest(actuals, topCount(shares.mvcShare, n));
  const rest: number[] = [];
  let restCount = 0;
  for (let i = 0; i < n; i++) {
    if (isMvc(actuals[i], mvcCut)) continue;
    restCount++;
    if (!Number.isNaN(gaps[i])) rest.push(gaps[i]);
  }
  const k = Math.min(topCount(shares.mgcShare, restCount), rest.length);
  return { mvcCut, mgcCut: kthLargest(rest, k) };
}

/**
 * One customer's tier, BZ first, then MVC, then MGC, then OTHER. Null for a customer without
 * purchases that is not below zero: nothing says what it is worth.
 */
export function tierOf(parts: ValueParts, cuts: TierCuts): Tier | null {
  if (parts.net < 0) return 'BZ';
  if (!parts.buyer) return null;
  if (isMvc(parts.actual, cuts.mvcCut)) return 'MVC';
  const gap = parts.clv;
  if (gap !== null && cuts.mgcCut !== null && gap > 0 && gap >= cuts.mgcCut) return 'MGC';
  return 'OTHER';
}
