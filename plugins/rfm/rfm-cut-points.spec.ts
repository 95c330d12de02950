import { describe, expect, it } from 'vitest';
import { binOf, quantileCutPoints } from './rfm-cut-points';

describe('quantileCutPoints', () => {
  it('takes the value of rank ceil(k * n / bins)', () => {
    // n = 10, 5 bins: ranks 2, 4, 6, 8.
    expect(quantileCutPoints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([2, 4, 6, 8]);
    // n = 7, 5 bins: ceil(1.4) = 2, ceil(2.8) = 3, ceil(4.2) = 5, ceil(5.6) = 6.
    expect(quantileCutPoints([10, 20, 30, 40, 50, 60, 70], 5)).toEqual([20, 30, 50, 60]);
    // n = 1: every rank is 1.
    expect(quantileCutPoints([42], 3)).toEqual([42, 42]);
  });

  it('refuses an empty population', () => {
    expect(() => quantileCutPoints([], 5)).toThrow(RangeError);
  });
});

describe('binOf', () => {
  it('counts the cut points strictly below the value: a value on a cut point goes to the lower bin', () => {
    const cuts = [20, 30, 50, 60];
    expect([10, 20, 21, 30, 40, 50, 60, 61].map((v) => binOf(v, cuts))).toEqual([1, 1, 2, 2, 3, 3, 4, 5]);
  });

  it('skips bins between equal cut points instead of splitting a tie', () => {
    // Cut points [1, 1, 2, 2]: every 1 is in bin 1, every 2 in bin 3, above 2 in bin 5.
    expect([1, 2, 3].map((v) => binOf(v, [1, 1, 2, 2]))).toEqual([1, 3, 5]);
  });
});
