import { describe, expect, it } from 'vitest';
import { clvFormulaConfigSchema } from './clv-formula.config';
import { emptyTotals, fitClvFormula } from './clv-formula.model';

const config = clvFormulaConfigSchema.parse({});

describe('fitClvFormula', () => {
  it('pools the purchase rate over every buyer, and averages the other inputs over the customers that have them', () => {
    const totals = emptyTotals();
    // Own rates 0.25 and 0.75 of two long histories do not matter: 12 purchases over 48 months of tenure do.
    totals.transactionsPerMonth = { sum: 0.25 + 0.75, count: 2 };
    totals.pooledRate = { purchases: 12, months: 48 };
    totals.averageOrderValue = { sum: 100 + 50 + 30, count: 3 };
    expect(fitClvFormula(totals, config)).toMatchObject({ transactionsPerMonth: 0.25, averageOrderValue: 60, grossMargin: null });
  });

  it('is the plain mean lifetime when every customer was lost', () => {
    // Lifetimes 6, 12 and 30 months, all ended: (6 + 12 + 30) / 3 = 16.
    const totals = emptyTotals();
    totals.lifetime = { observed: 3, lost: 3, months: 48 };
    expect(fitClvFormula(totals, config).lifetimeMonths).toBe(16);
  });

  it('counts running lifetimes as exposure only (censored)', () => {
    // Lost after 6 and 12 months, two still alive after 20 and 2: 40 months / 2 lost = 20.
    const totals = emptyTotals();
    totals.lifetime = { observed: 4, lost: 2, months: 6 + 12 + 20 + 2 };
    expect(fitClvFormula(totals, config).lifetimeMonths).toBe(20);
  });

  it('knows no lifetime while nobody was lost, and keeps the options it was fitted under', () => {
    const totals = emptyTotals();
    totals.lifetime = { observed: 2, lost: 0, months: 30 };
    expect(fitClvFormula(totals, config)).toEqual({
      minPurchases: 3, minTenureMonths: 3, lapseDays: 365,
      transactionsPerMonth: null, averageOrderValue: null, grossMargin: null, lifetimeMonths: null,
    });
  });
});
