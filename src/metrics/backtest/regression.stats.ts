// Error measures of numeric predictions against what happened. Every function returns null where
// the measure is undefined (no pairs, zero variance, overflow), never NaN or Infinity.

/** A number, or null when it is NaN or infinite. */
export const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** How close predicted totals and per-customer predictions came to the actual ones. */
export interface Accuracy {
  /** Pairs compared. */
  customers: number;
  /** Sum of the predictions; null without pairs. */
  predictedTotal: number | null;
  /** Sum of the actual values of the same pairs (0 without pairs). */
  actualTotal: number;
  /** Mean absolute error; null without pairs. */
  mae: number | null;
  /** Root mean squared error; null without pairs. */
  rmse: number | null;
  /** Pearson correlation; null with fewer than 2 pairs or when either side has zero variance. */
  correlation: number | null;
}

function checkPairs(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (predicted.length !== actual.length) throw new Error(`${predicted.length} predictions for ${actual.length} actual values`);
  return predicted.length;
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i += 1) s += values[i];
  return s;
}

/** Mean absolute error of the pairs; null without any. */
export function meanAbsoluteError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number | null {
  const n = checkPairs(predicted, actual);
  if (!n) return null;
  let s = 0;
  for (let i = 0; i < n; i += 1) s += Math.abs(predicted[i] - actual[i]);
  return finiteOrNull(s / n);
}

/** Root mean squared error of the pairs; null without any. */
export function rootMeanSquaredError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number | null {
  const n = checkPairs(predicted, actual);
  if (!n) return null;
  let s = 0;
  for (let i = 0; i < n; i += 1) s += (predicted[i] - actual[i]) ** 2;
  return finiteOrNull(Math.sqrt(s / n));
}

/**
 * Pearson correlation of x and y; null with fewer than 2 pairs or a constant side. Two passes
 * (means first) so that large offsets do not cancel out the covariance.
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = checkPairs(x, y);
  if (n < 2) return null;
  const mx = sum(x) / n;
  const my = sum(y) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return null;
  const r = finiteOrNull(sxy / Math.sqrt(sxx * syy));
  // Rounding can push a perfect correlation a hair past 1.
  return r === null ? null : Math.max(-1, Math.min(1, r));
}

/** Totals, MAE, RMSE and correlation of the pairs. */
export function accuracy(predicted: ArrayLike<number>, actual: ArrayLike<number>): Accuracy {
  const n = checkPairs(predicted, actual);
  return {
    customers: n,
    predictedTotal: n ? finiteOrNull(sum(predicted)) : null,
    actualTotal: finiteOrNull(sum(actual)) ?? 0,
    mae: meanAbsoluteError(predicted, actual),
    rmse: rootMeanSquaredError(predicted, actual),
    correlation: pearson(predicted, actual),
  };
}
