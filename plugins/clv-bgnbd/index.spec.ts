import { describe, expect, it } from 'vitest';
import { RelationshipKind } from '../../src/common/enums';
import { bgnbdExpectedTransactions, bgnbdPAlive } from '../../src/models/btyd/bgnbd.model';
import { BG_NBD } from '../../src/models/btyd/bgnbd.transactions';
import { simulatedSubjects } from '../../src/models/btyd/bgnbd-subjects.fixture';
import { readBtydClvModel } from '../../src/models/btyd/btyd-clv';
import { btydClvConfigSchema } from '../../src/models/btyd/btyd-plugin.config';
import { discountedTransactions } from '../../src/models/btyd/discounted-transactions';
import { gammaGammaExpectedSpend } from '../../src/models/btyd/gamma-gamma.model';
import { type FixturePurchase, runPlugin, subjectFromPurchases } from '../../src/metrics/testing/plugin-harness';
import type { ClvValue, MetricSubject } from '../../src/metrics/plugin.contract';
import plugin from './index';

const asOf = new Date('2026-01-01T00:00:00.000Z');
const DAY_MS = 86_400_000;

// All first buying on 2025-03-01 (T = 306 days = 43.71 weeks): ZERO once; HEAVY weekly until
// 2025-12-27 (x = 43, t_x = 43 weeks); LAPSED weekly four times (x = 3, t_x = 3 weeks).
const weekly = (count: number, amount: number, margin?: number): FixturePurchase[] =>
  Array.from({ length: count }, (_, i) => ({ at: new Date(Date.parse('2025-03-01T10:00:00Z') + i * 7 * DAY_MS), amount, ...(margin === undefined ? {} : { margin }) }));
const special = (margin?: number): MetricSubject[] => [
  subjectFromPurchases(weekly(1, 30), asOf, { id: 9001, externalId: 'ZERO' }),
  subjectFromPurchases(weekly(44, 30, margin), asOf, { id: 9002, externalId: 'HEAVY' }),
  subjectFromPurchases(weekly(4, 30), asOf, { id: 9003, externalId: 'LAPSED' }),
  subjectFromPurchases([], asOf, { id: 9004, externalId: 'NONE' }),
  subjectFromPurchases(weekly(4, 30), asOf, { id: 9005, externalId: 'CONTRACT', relationship: RelationshipKind.CONTRACTUAL }),
];
const plain = simulatedSubjects({ customers: 400, seed: 14, asOf });
const withMargins = simulatedSubjects({ customers: 400, seed: 14, asOf, marginRatio: 0.25 });
const clv = (run: Awaited<ReturnType<typeof runPlugin>>, id: string) => run.valueOf('clv', id) as ClvValue;
const T = 306 / 7;
const read = (run: Awaited<ReturnType<typeof runPlugin>>) => readBtydClvModel(run.models.clv, BG_NBD, 'test');

describe('clv-bgnbd', () => {
  it('declares the clv kind for non-contractual customers from their interactions', () => {
    expect(plugin.name).toBe('clv-bgnbd');
    expect(plugin.provides[0]).toMatchObject({ kind: 'clv', requires: ['interactions'], relationships: ['NON_CONTRACTUAL'] });
    expect(btydClvConfigSchema.parse({})).toEqual({ horizonMonths: 12, discountRate: 0.01, timeUnit: 'week', minRepeatBuyers: 10 });
  });

  it('fits BG/NBD and Gamma-Gamma and reports both', async () => {
    const run = await runPlugin(plugin, [...plain, ...special()], { batchSize: 64 });
    const d = run.diagnostics.clv;
    expect(d).toMatchObject({ converged: true, customers: 403, populationMarginRatio: null, gammaGamma: { converged: true } });
    for (const key of ['iterations', 'evaluations', 'logLikelihood', 'standardErrors', 'distinctTuples', 'repeatBuyers', 'fitMs']) expect(d).toHaveProperty(key);
    const gg = d.gammaGamma as Record<string, unknown>;
    expect(gg.customers).toBe(d.repeatBuyers);
    expect(Math.abs(gg.spendFrequencyCorrelation as number)).toBeLessThan(0.3);
    const model = read(run);
    expect(model.unit).toBe('week');
    // Spend was drawn with p = 6, q = 4, γ = 15: mean p·γ/(q-1) = 30 per transaction.
    expect(gammaGammaExpectedSpend(model.spend, 0, null)).toBeGreaterThan(20);
    expect(gammaGammaExpectedSpend(model.spend, 0, null)).toBeLessThan(40);
  });

  it('values = discounted BG/NBD purchases × Gamma-Gamma spend × margin ratio, on revenue without margins', async () => {
    const run = await runPlugin(plugin, [...plain, ...special()], { batchSize: 64 });
    const model = read(run);
    const expectFor = (id: string, x: number, tx: number, zbar: number | null) => {
      const horizon = discountedTransactions((t) => bgnbdExpectedTransactions(model.params, x, tx, T, t), 12, 0.01, 'week');
      const spend = gammaGammaExpectedSpend(model.spend, x, zbar)!;
      const v = clv(run, id);
      expect(v.value).toBeCloseTo(horizon.discounted * spend, 9);
      expect(v.expectedPurchases).toBeCloseTo(horizon.undiscounted, 12);
      expect(v.expectedAverageOrderValue).toBeCloseTo(spend, 12);
      expect(v.pAlive).toBeCloseTo(bgnbdPAlive(model.params, x, tx, T), 12);
      expect(v).toMatchObject({ currency: 'USD', horizonMonths: 12, discountRate: 0.01, basis: 'REVENUE' });
      expect(v.inputs).toContainEqual({ name: 'marginRatio', value: 1, source: 'CONFIG' });
      return v;
    };
    const zero = expectFor('ZERO', 0, 0, null);
    const heavy = expectFor('HEAVY', 43, 43, 30);
    const lapsed = expectFor('LAPSED', 3, 3, 30);
    expect(zero.inputs).toContainEqual({ name: 'averageOrderValue', value: zero.expectedAverageOrderValue, source: 'POPULATION' });
    expect(heavy.inputs).toContainEqual({ name: 'averageOrderValue', value: heavy.expectedAverageOrderValue, source: 'CUSTOMER' });
    expect(heavy.value).toBeGreaterThan(10 * lapsed.value);
    expect(heavy.value).toBeGreaterThan(zero.value);
    expect(heavy.pAlive!).toBeGreaterThan(0.9);
    expect(lapsed.pAlive!).toBeLessThan(0.2);
    // Discounting at 1% a month lowers the value below undiscounted purchases × spend.
    expect(heavy.value).toBeLessThan(heavy.expectedPurchases! * heavy.expectedAverageOrderValue!);
    expect(run.valueOf('clv', 'NONE')).toBeNull();
    expect(run.valueOf('clv', 'CONTRACT')).toBeNull();
  });

  it('with margins: the customer own ratio where they have margins, else the population ratio (basis MARGIN)', async () => {
    // Simulated purchases carry margin = 25% of amount (rounded to cents); HEAVY's carry 12 on 30 = 40%.
    const run = await runPlugin(plugin, [...withMargins, ...special(12)], { batchSize: 64 });
    const model = read(run);
    // Σ margin / Σ amount over every purchase of the fitted (non-contractual) customers, summed here directly.
    const purchases = [...withMargins, ...special(12)].filter((s) => s.customer.relationship === RelationshipKind.NON_CONTRACTUAL).flatMap((s) => s.interactions ?? []);
    const ratio = purchases.reduce((sum, p) => sum + (p.margin ?? 0), 0) / purchases.filter((p) => p.margin !== null).reduce((sum, p) => sum + (p.amount ?? 0), 0);
    expect(model.populationMarginRatio).toBeCloseTo(ratio, 12);
    const heavy = clv(run, 'HEAVY');
    expect(heavy.basis).toBe('MARGIN');
    expect(heavy.inputs).toContainEqual({ name: 'marginRatio', value: 0.4, source: 'CUSTOMER' });
    expect(heavy.value).toBeCloseTo(heavy.inputs![0].value * heavy.expectedAverageOrderValue! * 0.4, 9);
    const zero = clv(run, 'ZERO');
    expect(zero.basis).toBe('MARGIN');
    expect(zero.inputs).toContainEqual({ name: 'marginRatio', value: model.populationMarginRatio, source: 'POPULATION' });
  });

  it('honours ctx.horizonDays: purchases over that many days, undiscounted', async () => {
    const run = await runPlugin(plugin, [...plain, ...special()], { batchSize: 64 });
    const model = read(run);
    const subjects = special().slice(0, 3).map((s) => ({ ...s, interactions: s.interactions ?? [] }));
    const ctx = { config: btydClvConfigSchema.parse({}), asOf, currency: 'USD', horizonDays: 91, log: () => undefined };
    const [heavy] = plugin.provides[0].score(subjects.slice(1, 2), run.models.clv, ctx) as ClvValue[];
    const purchases = bgnbdExpectedTransactions(model.params, 43, 43, T, 13);
    expect(heavy.expectedPurchases).toBeCloseTo(purchases, 12);
    expect(heavy.value).toBeCloseTo(purchases * heavy.expectedAverageOrderValue!, 9);
    expect(heavy).toMatchObject({ discountRate: null });
    expect(heavy.horizonMonths).toBeCloseTo(91 / 30.4375, 12);
  });

  it('a longer horizon is worth more; a higher discount rate less', async () => {
    const base = clv(await runPlugin(plugin, [...plain, ...special()], { batchSize: 100 }), 'HEAVY').value;
    const longer = clv(await runPlugin(plugin, [...plain, ...special()], { batchSize: 100, options: { horizonMonths: 24 } }), 'HEAVY').value;
    const dearer = clv(await runPlugin(plugin, [...plain, ...special()], { batchSize: 100, options: { discountRate: 0.05 } }), 'HEAVY').value;
    expect(longer).toBeGreaterThan(base);
    expect(dearer).toBeLessThan(base);
  });

  it('fails the run with a clear message for a degenerate population', async () => {
    const oneOff = Array.from({ length: 30 }, (_, i) => subjectFromPurchases([{ at: `2025-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`, amount: 10 }], asOf, { id: i + 1 }));
    await expect(runPlugin(plugin, oneOff)).rejects.toThrow(/BG\/NBD fit failed: only 0 of 30 customers/);
    // Repeat purchases without any value: the transaction model fits, the spend model cannot.
    const free = plain.map((s, i) => subjectFromPurchases((s.interactions ?? []).map((p) => ({ at: p.occurredAt, amount: 0 })), asOf, { id: i + 1 }));
    await expect(runPlugin(plugin, free, { batchSize: 100 })).rejects.toThrow(/Gamma-Gamma fit failed: only 0 repeat buyers have a positive/);
  });

  it('rejects unknown options and a broken stored model', async () => {
    await expect(runPlugin(plugin, plain, { options: { horizon: 12 } })).rejects.toThrow();
    const ctx = { config: btydClvConfigSchema.parse({}), asOf, currency: 'USD', log: () => undefined };
    expect(() => plugin.provides[0].score(plain.slice(0, 1), { params: { r: 1, alpha: 1, a: 1, b: 1 }, unit: 'week' }, ctx)).toThrow(/Gamma-Gamma parameters/);
    // Pareto/NBD parameters are not BG/NBD ones.
    expect(() => plugin.provides[0].score(plain.slice(0, 1), { params: { r: 1, alpha: 1, s: 1, beta: 1 }, unit: 'week', spend: { p: 1, q: 2, gamma: 3 } }, ctx)).toThrow(/BG\/NBD parameters/);
  });
});
