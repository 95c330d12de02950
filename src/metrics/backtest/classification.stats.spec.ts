import { describe, expect, it } from 'vitest';
import { auc, brierScore, calibrationBins, mean, shareTrue } from './classification.stats';

/*
 * 4 positives (0.9, 0.8, 0.6, 0.4) and 4 negatives (0.7, 0.6, 0.3, 0.2), one tie at 0.6.
 * Pairs won by the positive: 0.9 beats all 4; 0.8 beats all 4; 0.6 beats 0.3 and 0.2 and ties 0.6
 * (half): 2.5; 0.4 beats 0.3 and 0.2: 2. AUC = (4 + 4 + 2.5 + 2) / 16 = 12.5 / 16 = 0.78125.
 * Brier: positives (0.1^2 + 0.2^2 + 0.4^2 + 0.6^2) = 0.57, negatives (0.7^2 + 0.6^2 + 0.3^2 + 0.2^2) = 0.98;
 * 1.55 / 8 = 0.19375.
 */
const scores = [0.9, 0.7, 0.8, 0.6, 0.6, 0.3, 0.4, 0.2];
const positive = [true, false, true, true, false, false, true, false];

describe('classification statistics', () => {
  it('computes the AUC with ties counted half', () => {
    expect(auc(scores, positive)).toBe(0.78125);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, 1/2 when everything ties', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
    expect(auc([0.5, 0.5, 0.5], [true, false, false])).toBe(0.5);
  });

  it('has no AUC without both outcomes', () => {
    expect(auc([0.1, 0.9], [true, true])).toBeNull();
    expect(auc([0.1, 0.9], [false, false])).toBeNull();
    expect(auc([], [])).toBeNull();
  });

  it('computes the Brier score, the base rate and the mean prediction', () => {
    expect(brierScore(scores, positive)).toBeCloseTo(0.19375, 12);
    expect(shareTrue(positive)).toBe(0.5);
    // (0.9 + 0.7 + 0.8 + 0.6 + 0.6 + 0.3 + 0.4 + 0.2) / 8 = 4.5 / 8.
    expect(mean(scores)).toBeCloseTo(0.5625, 12);
    expect(brierScore([], [])).toBeNull();
    expect(shareTrue([])).toBeNull();
    expect(mean([])).toBeNull();
  });

  /*
   * Sorted: 0.2 0.3 0.4 0.6 0.6 0.7 0.8 0.9 (n = 8). A value goes to bin floor(10 x below / 8) + 1:
   * 0.2 -> 1, 0.3 -> 2, 0.4 -> 3, both 0.6 (3 below) -> 4, 0.7 (5 below) -> 7, 0.8 -> 8, 0.9 -> 9.
   */
  it('bins by decile of the prediction, keeping ties together', () => {
    const bins = calibrationBins(scores, positive);
    expect(bins.map((b) => [b.bin, b.customers, b.observedShare])).toEqual([[1, 1, 0], [2, 1, 0], [3, 1, 1], [4, 2, 0.5], [7, 1, 0], [8, 1, 1], [9, 1, 1]]);
    expect(bins[3]).toMatchObject({ minPredicted: 0.6, maxPredicted: 0.6, meanPredicted: 0.6 });
  });

  /*
   * Quartiles of the same set: floor(4 x below / 8) + 1. 0.2, 0.3 -> 1; 0.4 (2 below) -> 2; the 0.6 tie
   * (3 below) -> 2 with it; 0.7 (5 below) -> 3; 0.8 (6 below) and 0.9 (7 below) -> 4.
   * Bin 2: 0.4, 0.6, 0.6: mean 1.6 / 3, positives 0.4 and one 0.6: 2/3.
   */
  it('lets a tie extend its bin', () => {
    const bins = calibrationBins(scores, positive, 4);
    expect(bins.map((b) => [b.bin, b.customers])).toEqual([[1, 2], [2, 3], [3, 1], [4, 2]]);
    expect(bins[1].meanPredicted).toBeCloseTo(1.6 / 3, 12);
    expect(bins[1].observedShare).toBeCloseTo(2 / 3, 12);
    expect(bins[3]).toMatchObject({ minPredicted: 0.8, maxPredicted: 0.9, observedShare: 1 });
    expect(bins[3].meanPredicted).toBeCloseTo(0.85, 12);
  });

  it('makes ten equal deciles of distinct values, and nothing of nothing', () => {
    // 20 values: index i goes to bin floor(i / 2) + 1.
    const values = Array.from({ length: 20 }, (_, i) => i / 20);
    const bins = calibrationBins(values, values.map((v) => v >= 0.5));
    expect(bins.map((b) => b.customers)).toEqual(new Array(10).fill(2));
    expect(bins.map((b) => b.observedShare)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(calibrationBins([], [])).toEqual([]);
    // One big tie is one bin.
    expect(calibrationBins([0.3, 0.3, 0.3], [true, false, false])).toEqual([
      { bin: 1, customers: 3, minPredicted: 0.3, maxPredicted: 0.3, meanPredicted: expect.closeTo(0.3, 12), observedShare: expect.closeTo(1 / 3, 12) },
    ]);
  });
});
