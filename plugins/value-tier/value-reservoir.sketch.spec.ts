import { describe, expect, it } from 'vitest';
import { ValueReservoir } from './value-reservoir.sketch';

const fill = (capacity: number, n: number): ValueReservoir => {
  const r = new ValueReservoir(capacity);
  for (let k = 1; k <= n; k++) r.add(k, k % 3 === 0 ? null : -k);
  return r;
};

describe('ValueReservoir', () => {
  it('holds every pair, in order, while the stream fits (past its first growth)', () => {
    const r = fill(5000, 3000);
    expect(r.complete).toBe(true);
    expect(r.offered).toBe(3000);
    expect(r.actuals().length).toBe(3000);
    expect(r.actuals()[2999]).toBe(3000);
    expect([...r.gaps().subarray(0, 3)]).toEqual([-1, -2, Number.NaN]);
  });

  it('keeps a uniform, repeatable sample of a longer stream', () => {
    const r = fill(2000, 20_000);
    expect(r.complete).toBe(false);
    expect(r.offered).toBe(20_000);
    const kept = [...r.actuals()];
    expect(kept).toHaveLength(2000);
    expect(new Set(kept).size).toBe(2000);
    // Each pair stays together: the gap is -actual, or NaN for multiples of 3.
    const gaps = [...r.gaps()];
    expect(gaps.every((g, i) => (kept[i] % 3 === 0 ? Number.isNaN(g) : g === -kept[i]))).toBe(true);
    expect(fill(2000, 20_000).actuals()).toEqual(r.actuals());
    // Uniform over 1..20000: mean 10000.5 with a standard error of 5773.5 / sqrt(2000) x sqrt(1 - 0.1) = 122;
    // the 90th percentile 18000 with a standard error of 20000 x sqrt(0.9 x 0.1 / 2000) = 134. Within 4.5 of them:
    const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
    expect(Math.abs(mean - 10_000.5)).toBeLessThan(550);
    const p90 = [...kept].sort((a, b) => a - b)[1799];
    expect(Math.abs(p90 - 18_000)).toBeLessThan(600);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new ValueReservoir(0)).toThrow(RangeError);
    expect(() => new ValueReservoir(2.5)).toThrow(RangeError);
  });
});
