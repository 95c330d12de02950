import { describe, expect, it } from 'vitest';
import { type MetricContext, RelationshipKind, subject, subjectFromPurchases } from '../../src/plugin-api';
import { type ContractSbgConfig, contractSbgConfigSchema } from './contract-sbg.config';
import type { StoredContractSbgModel } from './contract-sbg-model.schema';
import { contractChurn, contractClv, derlFunction, moneyPerPeriod, monthlyRate } from './contract-sbg.model';

const population = { marginPerPeriod: 25, revenuePerPeriod: 80 };
// Purchases carry margins exactly when the margin is not 0 here.
const money = (totalMargin: number, grossRevenue: number, revenue = grossRevenue) => ({ totalMargin, grossRevenue, revenue, marginedPurchaseCount: totalMargin !== 0 ? 1 : 0 });

describe('moneyPerPeriod', () => {
  it('takes the customer\'s own margin, then its revenue, then the population\'s margin, then its revenue', () => {
    expect(moneyPerPeriod(money(90, 300), 3, population)).toEqual({ name: 'marginPerPeriod', value: 30, basis: 'MARGIN', source: 'CUSTOMER' });
    // Net of refunds: 300 bought, 60 refunded, over 4 periods.
    expect(moneyPerPeriod(money(0, 300, 240), 4, population)).toEqual({ name: 'revenuePerPeriod', value: 60, basis: 'REVENUE', source: 'CUSTOMER' });
    expect(moneyPerPeriod(money(0, 0), 2, population)).toEqual({ name: 'marginPerPeriod', value: 25, basis: 'MARGIN', source: 'POPULATION' });
    expect(moneyPerPeriod(money(0, 0), 2, { marginPerPeriod: null, revenuePerPeriod: 80 })).toEqual({ name: 'revenuePerPeriod', value: 80, basis: 'REVENUE', source: 'POPULATION' });
    expect(moneyPerPeriod(money(0, 0), 2, { marginPerPeriod: null, revenuePerPeriod: null })).toBeNull();
  });

  it('keeps a negative margin (a customer served at a loss is worth less than nothing)', () => {
    expect(moneyPerPeriod(money(-40, 100), 2, population)).toMatchObject({ value: -20, basis: 'MARGIN', source: 'CUSTOMER' });
  });
});

describe('monthlyRate', () => {
  it('compounds to the per-period rate', () => {
    // 1.1^(1/12) - 1 = 0.0079741404; a monthly period keeps its rate.
    expect(monthlyRate(0.1, 12)).toBeCloseTo(0.0079741404, 10);
    expect(Math.pow(1 + monthlyRate(0.1, 12), 12)).toBeCloseTo(1.1, 14);
    expect(monthlyRate(0.02, 1)).toBeCloseTo(0.02, 15);
  });
});

describe('contractClv and contractChurn', () => {
  // α = β = 1 (θ uniform), yearly, d = 1 (z = 1/2): after 1 renewal, DERL = 16 (ln 2 - 5/8) = 1.090355 (see sbg-derl.spec.ts).
  const model: StoredContractSbgModel = { model: 'sBG', periodMonths: 12, alpha: 1, beta: 1, population };
  const config: ContractSbgConfig = contractSbgConfigSchema.parse({ discountRate: 1 });
  const ctx: MetricContext<ContractSbgConfig> = { config, asOf: new Date('2025-06-01T00:00:00Z'), currency: 'EUR', log: () => undefined };
  const customer = { relationship: RelationshipKind.CONTRACTUAL, contractStartedAt: new Date('2024-01-01T00:00:00Z'), contractEndedAt: null };

  it('values one renewal at margin per period x DERL', () => {
    // Margins 40 + 40 over the 2 periods paid: 40 per period; 40 x 1.090355 = 43.6142.
    const s = subjectFromPurchases([{ at: '2024-01-01', amount: 100, margin: 40 }, { at: '2025-01-01', amount: 100, margin: 40 }], ctx.asOf, customer, 'EUR');
    const value = contractClv(s, model, ctx);
    expect(value?.value).toBeCloseTo(40 * 16 * (Math.LN2 - 0.625), 4);
    expect(value).toMatchObject({ currency: 'EUR', basis: 'MARGIN', expectedPurchases: null, discountRate: expect.closeTo(Math.SQRT2 ** (1 / 6) - 1, 12) });
  });

  it('gives the churn of the next renewal point: α / (α + β + n)', () => {
    // After 1 renewal: 1 / (1 + 1 + 1) = 1/3.
    expect(contractChurn(subject({ customer }), model, ctx)).toEqual({ probability: 1 / 3, pAlive: null, reason: null });
  });

  it('remembers DERL per number of renewals', () => {
    const derl = derlFunction(model, config);
    expect(derl(1)).toBeCloseTo(16 * (Math.LN2 - 0.625), 12);
    expect(derl(1)).toBe(derl(1));
    // n = 0: 4 (ln 2 - 1/2).
    expect(derl(0)).toBeCloseTo(4 * (Math.LN2 - 0.5), 12);
  });
});
