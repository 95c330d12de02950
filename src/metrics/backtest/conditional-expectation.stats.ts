import { finiteOrNull } from './regression.stats';

/** One row of the conditional-expectation table: customers with the same calibration repeat purchases. */
export interface RepeatPurchaseRow {
  /** Repeat purchases in calibration; the last row (`top`) holds `top` and more. */
  repeatPurchases: number;
  /** "0", "1", ..., "7+". */
  label: string;
  customers: number;
  /** Mean predicted holdout transactions; null for an empty row. */
  meanPredicted: number | null;
  /** Mean actual holdout transactions; null for an empty row. */
  meanActual: number | null;
}

/**
 * The classic BTYD check (Fader, Hardie and Lee 2005, figure 3): mean predicted vs mean actual
 * holdout transactions by number of calibration repeat purchases, 0, 1, ..., top-1 and "top+".
 * Every row is listed, empty ones with null means, so tables of several models line up.
 */
export function byRepeatPurchases(
  repeats: ArrayLike<number>,
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  top = 7,
): RepeatPurchaseRow[] {
  if (repeats.length !== predicted.length || predicted.length !== actual.length) {
    throw new Error(`${repeats.length} repeat counts, ${predicted.length} predictions and ${actual.length} actual values`);
  }
  const count = new Array<number>(top + 1).fill(0);
  const predictedSum = new Array<number>(top + 1).fill(0);
  const actualSum = new Array<number>(top + 1).fill(0);
  for (let i = 0; i < repeats.length; i += 1) {
    const row = Math.min(top, Math.max(0, Math.floor(repeats[i])));
    count[row] += 1;
    predictedSum[row] += predicted[i];
    actualSum[row] += actual[i];
  }
  return count.map((n, row) => ({
    repeatPurchases: row,
    label: row === top ? `${top}+` : String(row),
    customers: n,
    meanPredicted: n ? finiteOrNull(predictedSum[row] / n) : null,
    meanActual: n ? finiteOrNull(actualSum[row] / n) : null,
  }));
}
