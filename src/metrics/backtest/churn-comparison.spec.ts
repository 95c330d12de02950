import { describe, expect, it } from 'vitest';
import { ChurnComparison } from './churn-comparison';

const actual = (holdoutTransactions: number, holdoutSpend: number, calibrationDays = 1) => ({ calibrationDays, holdoutTransactions, holdoutSpend });

describe('churn comparison', () => {
  it('has no AUC when every customer stayed active, and says why', () => {
    const c = new ChurnComparison();
    c.add({ probability: 0.2, pAlive: null }, actual(1, 5));
    c.add({ probability: 0.6, pAlive: null }, actual(3, 9));
    c.add({ error: 'nope' }, actual(0, 0));
    const { churn, notes } = c.result();
    // Two probabilities, both active: Brier (0.2^2 + 0.6^2) / 2 = 0.2, base rate 0.
    expect(churn).toMatchObject({ customers: 2, auc: null, baseRate: 0, meanPredicted: 0.4 });
    expect(churn.brier).toBeCloseTo(0.2, 12);
    expect(notes).toEqual(['compared customers that failed to score: 1, e.g. "nope"', 'every compared customer was active in the holdout: the AUC is undefined']);
  });
});
