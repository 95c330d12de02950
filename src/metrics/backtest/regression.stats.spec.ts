import { describe, expect, it } from 'vitest';
import { accuracy, meanAbsoluteError, pearson, rootMeanSquaredError } from './regression.stats';

describe('regression statistics', () => {
  /*
   * predicted 1, 2, 3 vs actual 1, 3, 2: errors 0, -1, +1.
   * MAE = (0 + 1 + 1) / 3 = 2/3; RMSE = sqrt((0 + 1 + 1) / 3) = sqrt(2/3) = 0.8164966.
   * Pearson: both means 2; deviations (-1, 0, 1) and (-1, 1, 0); Sxy = 1, Sxx = Syy = 2: r = 1/2.
   */
  it('measures a tiny set', () => {
    expect(meanAbsoluteError([1, 2, 3], [1, 3, 2])).toBeCloseTo(2 / 3, 12);
    expect(rootMeanSquaredError([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.8164966, 6);
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
    expect(accuracy([1, 2, 3], [1, 3, 2])).toEqual({
      customers: 3, predictedTotal: 6, actualTotal: 6, mae: expect.closeTo(2 / 3, 12), rmse: expect.closeTo(0.8164966, 6), correlation: expect.closeTo(0.5, 12),
    });
  });

  /*
   * The integration test's spend-clv transactions: predicted 2, 1, 4, 1, 1, 1, 2; actual 2, 0, 1, 0, 1, 1, 0.
   * Sums 12 and 5, squares 28 and 7, cross 10 (n = 7): Sxy = 10 - 60/7 = 10/7, Sxx = 28 - 144/7 = 52/7,
   * Syy = 7 - 25/7 = 24/7, r = (10/7) / sqrt(52/7 x 24/7) = 10 / sqrt(1248) = 0.2830693.
   * |errors| 0, 1, 3, 1, 0, 0, 2: MAE = 1, RMSE = sqrt(15/7) = 1.4638501.
   */
  it('measures a small population', () => {
    const p = [2, 1, 4, 1, 1, 1, 2];
    const a = [2, 0, 1, 0, 1, 1, 0];
    expect(pearson(p, a)).toBeCloseTo(10 / Math.sqrt(1248), 12);
    expect(meanAbsoluteError(p, a)).toBe(1);
    expect(rootMeanSquaredError(p, a)).toBeCloseTo(1.4638501, 6);
  });

  it('is exact at the extremes of correlation, even far from zero', () => {
    expect(pearson([1, 2, 3], [30, 20, 10])).toBe(-1);
    expect(pearson([2, 4, 6, 8], [1, 2, 3, 4])).toBe(1);
    // Shifted by 1e9 the same set still gives 1/2: the means are taken out first.
    expect(pearson([1e9 + 1, 1e9 + 2, 1e9 + 3], [1, 3, 2])).toBeCloseTo(0.5, 9);
  });

  it('is null where undefined, never NaN', () => {
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(pearson([4], [1])).toBeNull();
    expect(pearson([], [])).toBeNull();
    expect(accuracy([], [])).toEqual({ customers: 0, predictedTotal: null, actualTotal: 0, mae: null, rmse: null, correlation: null });
    expect(rootMeanSquaredError([1e200, -1e200], [0, 0])).toBeNull();
    expect(accuracy([Number.MAX_VALUE, Number.MAX_VALUE], [0, 1]).predictedTotal).toBeNull();
  });

  it('refuses unpaired inputs', () => {
    expect(() => meanAbsoluteError([1, 2], [1])).toThrow('2 predictions for 1 actual values');
  });
});
