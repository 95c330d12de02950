import { describe, expect, it } from 'vitest';
import { byRepeatPurchases } from './conditional-expectation.stats';

describe('conditional expectation by repeat purchases', () => {
  /*
   * repeats 0, 0, 1, 3, 7, 12 with predicted 0.5, 0.3, 1.2, 2, 6, 9 and actual 0, 1, 1, 4, 5, 8:
   * row 0: (0.5 + 0.3) / 2 = 0.4 vs (0 + 1) / 2 = 0.5; row 1: 1.2 vs 1; row 3: 2 vs 4;
   * row 7+ (7 and 12): (6 + 9) / 2 = 7.5 vs (5 + 8) / 2 = 6.5; rows 2, 4, 5, 6 empty.
   */
  it('averages predictions and outcomes per row, 7 and more together', () => {
    const rows = byRepeatPurchases([0, 0, 1, 3, 7, 12], [0.5, 0.3, 1.2, 2, 6, 9], [0, 1, 1, 4, 5, 8]);
    expect(rows.map((r) => r.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(rows.map((r) => r.customers)).toEqual([2, 1, 0, 1, 0, 0, 0, 2]);
    expect(rows[0].meanPredicted).toBeCloseTo(0.4, 12);
    expect(rows[0].meanActual).toBe(0.5);
    expect(rows[1]).toEqual({ repeatPurchases: 1, label: '1', customers: 1, meanPredicted: 1.2, meanActual: 1 });
    expect(rows[2]).toEqual({ repeatPurchases: 2, label: '2', customers: 0, meanPredicted: null, meanActual: null });
    expect(rows[3]).toMatchObject({ meanPredicted: 2, meanActual: 4 });
    expect(rows[7]).toEqual({ repeatPurchases: 7, label: '7+', customers: 2, meanPredicted: 7.5, meanActual: 6.5 });
  });

  it('lists every row even without customers', () => {
    const rows = byRepeatPurchases([], [], [], 3);
    expect(rows).toEqual([0, 1, 2, 3].map((r) => ({ repeatPurchases: r, label: r === 3 ? '3+' : String(r), customers: 0, meanPredicted: null, meanActual: null })));
  });
});
