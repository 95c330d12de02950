import { describe, expect, it } from 'vitest';
import { MONTH_DAYS } from '../history/time-units';
import { discountedTransactions } from './discounted-transactions';

describe('discountedTransactions', () => {
  it('a constant rate: each month adds c·(30.4375/7) weeks of purchases, discounted as an annuity', () => {
    // E(t) = 0.5·t (t in weeks). Monthly increment 0.5·30.4375/7 = 2.174107...; over 12 months at
    // 1%/month the annuity factor is (1 - 1.01^-12)/0.01 = 11.255077.
    const increment = (0.5 * MONTH_DAYS) / 7;
    const result = discountedTransactions((t) => 0.5 * t, 12, 0.01, 'week');
    expect(result.undiscounted).toBeCloseTo(12 * increment, 12);
    expect(result.discounted).toBeCloseTo(increment * ((1 - Math.pow(1.01, -12)) / 0.01), 12);
    expect(increment * 11.255077).toBeCloseTo(result.discounted, 5);
  });

  it('in days, a month is 30.4375 units; without discounting the two sums agree', () => {
    const calls: number[] = [];
    const result = discountedTransactions((t) => { calls.push(t); return Math.sqrt(t); }, 3, 0, 'day');
    expect(calls).toEqual([30.4375, 60.875, 91.3125]);
    expect(result.discounted).toBeCloseTo(Math.sqrt(91.3125), 12);
    expect(result.undiscounted).toBeCloseTo(Math.sqrt(91.3125), 12);
  });

  it('a fractional horizon ends with a partial month; zero horizon gives zero', () => {
    const result = discountedTransactions((t) => t, 1.5, 0.1, 'day');
    // Month 1: 30.4375/1.1; month 2 (half): 15.21875/1.21.
    expect(result.discounted).toBeCloseTo(30.4375 / 1.1 + 15.21875 / 1.21, 12);
    expect(result.undiscounted).toBeCloseTo(45.65625, 12);
    expect(discountedTransactions((t) => t, 0, 0.01, 'week')).toEqual({ discounted: 0, undiscounted: 0 });
  });

  it('rejects a discount rate of -100% or less', () => {
    expect(() => discountedTransactions((t) => t, 2, -1, 'week')).toThrow(RangeError);
  });
});
