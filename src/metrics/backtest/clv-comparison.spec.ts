import { describe, expect, it } from 'vitest';
import type { ClvValue } from '../../plugin-api/plugin.contract';
import { ClvComparison } from './clv-comparison';

const clv = (expectedPurchases: number | null, expectedAverageOrderValue: number | null): ClvValue => ({
  value: 1, currency: 'USD', horizonMonths: null, discountRate: null, expectedPurchases, expectedAverageOrderValue,
});
const actual = (holdoutTransactions: number, holdoutSpend: number, calibrationDays = 1) => ({ calibrationDays, holdoutTransactions, holdoutSpend });

describe('CLV comparison', () => {
  /*
   * Five compared customers: an error, a null, a value without expectedPurchases, expectedPurchases 2 without an
   * AOV (actual 1 day), and 3 x 20 = 60 (actual 2 days, $50, 4 calibration days = 3 repeats).
   * Transactions: predicted 2 + 3 = 5 vs 1 + 2 = 3, |errors| 1 and 1: MAE 1. Spend: one customer, 60 vs 50.
   * Without a prediction: the error, the null and the value without purchases = 3. Actual totals over all 5.
   */
  it('counts what could not be compared and compares the rest', () => {
    const c = new ClvComparison();
    c.add({ error: 'boom' }, actual(1, 10));
    c.add(null, actual(0, 0));
    c.add(clv(null, 30), actual(4, 40));
    c.add(clv(2, null), actual(1, 0));
    c.add(clv(3, 20), actual(2, 50, 4));
    const { clv: r, notes } = c.result();
    expect(c.coverage).toMatchObject({ compared: 5, withoutPrediction: 3, failed: 1, firstError: 'boom' });
    expect(r.actualTransactions).toBe(8);
    expect(r.actualSpend).toBe(100);
    expect(r.transactions).toMatchObject({ customers: 2, predictedTotal: 5, actualTotal: 3, mae: 1, correlation: 1 });
    expect(r.spend).toEqual({ customers: 1, predictedTotal: 60, actualTotal: 50, mae: 10, rmse: 10, correlation: null });
    expect(r.byRepeatPurchases[0]).toMatchObject({ customers: 1, meanPredicted: 2, meanActual: 1 });
    expect(r.byRepeatPurchases[3]).toMatchObject({ customers: 1, meanPredicted: 3, meanActual: 2 });
    expect(notes).toEqual([
      'compared customers that failed to score: 1, e.g. "boom"',
      'compared customers with a CLV but no expectedPurchases: 1',
      'customers with expectedPurchases but no expectedAverageOrderValue, left out of spend: 1',
    ]);
  });

  it('says when nothing was compared', () => {
    const { clv: r, notes } = new ClvComparison().result();
    expect(r.transactions.customers).toBe(0);
    expect(notes).toEqual(['no customer made a purchase at or before calibrationEnd: nothing to compare']);
  });
});
