import { describe, expect, it } from 'vitest';
import { RelationshipKind } from '../../common/enums';
import { runPlugin, subjectFromPurchases } from '../../plugin-api/testing/plugin-harness';
import type { ClvValue } from '../../plugin-api/plugin.contract';
import { readBtydClvModel } from '../btyd/btyd-clv';
import { type BtydClvConfig, btydClvConfigSchema } from '../btyd/btyd-plugin.config';
import { BTYD_AS_OF, type BtydPluginCase, namePattern, oneOffSubjects, SPECIAL_T, specialSubjects } from './btyd-plugin-subjects.fixture';
import { gammaGammaExpectedSpend } from '../btyd/gamma-gamma.model';

// Test-only: the behaviour every BTYD CLV plugin shares, run by each plugin's index.spec.ts.

type Run = Awaited<ReturnType<typeof runPlugin>>;
const clv = (run: Run, id: string) => run.valueOf('clv', id) as ClvValue;

/** The shared CLV-plugin tests for `c`. */
export function describeBtydClvPlugin<P>(c: BtydPluginCase<BtydClvConfig, P>): void {
  const { plugin, model } = c;
  const plain = c.population();
  const withMargins = c.population(0.25);
  const everyone = () => [...plain, ...specialSubjects()];
  const read = (run: Run) => readBtydClvModel(run.models.clv, model, 'test');
  const name = namePattern(model);
  const ctx = (horizonDays?: number) => ({
    config: btydClvConfigSchema.parse({}), asOf: BTYD_AS_OF, currency: 'USD', log: () => undefined, ...(horizonDays === undefined ? {} : { horizonDays }),
  });

  describe(`${plugin.name} (shared BTYD CLV behaviour)`, () => {
    it('declares the clv kind for non-contractual customers from their summaries; {} is a valid config', () => {
      expect(plugin.provides[0]).toMatchObject({ kind: 'clv', requires: ['summary'], relationships: ['NON_CONTRACTUAL'] });
      expect(plugin.configSchema.parse({})).toEqual({ horizonMonths: 12, discountRate: 0.01, timeUnit: 'week', minRepeatBuyers: 10 });
    });

    it(`fits ${model.name} and Gamma-Gamma and reports both`, async () => {
      const run = await runPlugin(plugin, everyone(), { batchSize: 64 });
      const d = run.diagnostics.clv;
      expect(d).toMatchObject({ converged: true, customers: 403, populationMarginRatio: null, gammaGamma: { converged: true } });
      for (const key of ['iterations', 'evaluations', 'logLikelihood', 'standardErrors', 'distinctTuples', 'repeatBuyers', 'fitMs']) expect(d).toHaveProperty(key);
      const gg = d.gammaGamma as Record<string, unknown>;
      expect(gg.customers).toBe(d.repeatBuyers);
      expect(Math.abs(gg.spendFrequencyCorrelation as number)).toBeLessThan(0.3);
      const stored = read(run);
      expect(stored.unit).toBe('week');
      expect(Object.keys(stored.params as object).sort()).toEqual(Object.keys(c.ownParams as object).sort());
      // Spend was drawn with p = 6, q = 4, γ = 15: mean p·γ/(q-1) = 30 per transaction.
      expect(gammaGammaExpectedSpend(stored.spend, 0, null)).toBeGreaterThan(20);
      expect(gammaGammaExpectedSpend(stored.spend, 0, null)).toBeLessThan(40);
    });

    it(`values = discounted ${model.name} purchases × Gamma-Gamma spend, on revenue without margins`, async () => {
      const run = await runPlugin(plugin, everyone(), { batchSize: 64 });
      const { params, spend } = read(run);
      const expected = (x: number, tx: number, t: number) => model.expectedTransactions(params, x, tx, SPECIAL_T, t);
      // Month k ends at k · 30.4375 / 7 weeks; its expected purchases are discounted by 1.01^k.
      const discounted = (x: number, tx: number) => {
        let sum = 0;
        for (let k = 1; k <= 12; k++) sum += (expected(x, tx, (k * 30.4375) / 7) - expected(x, tx, ((k - 1) * 30.4375) / 7)) / 1.01 ** k;
        return sum;
      };
      const expectFor = (id: string, x: number, tx: number, zbar: number | null) => {
        const perPurchase = gammaGammaExpectedSpend(spend, x, zbar)!;
        const v = clv(run, id);
        expect(v.value).toBeCloseTo(discounted(x, tx) * perPurchase, 9);
        expect(v.expectedPurchases).toBeCloseTo(expected(x, tx, (12 * 30.4375) / 7), 12);
        expect(v.expectedAverageOrderValue).toBeCloseTo(perPurchase, 12);
        expect(v.pAlive).toBeCloseTo(model.pAlive(params, x, tx, SPECIAL_T), 12);
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
      const subjects = [...withMargins, ...specialSubjects(12)];
      const run = await runPlugin(plugin, subjects, { batchSize: 64 });
      // Σ margin / Σ amount over every purchase of the fitted (non-contractual) customers, summed here directly.
      const purchases = subjects.filter((s) => s.customer.relationship === RelationshipKind.NON_CONTRACTUAL).flatMap((s) => s.interactions ?? []);
      const ratio = purchases.reduce((sum, p) => sum + (p.margin ?? 0), 0) / purchases.filter((p) => p.margin !== null).reduce((sum, p) => sum + (p.amount ?? 0), 0);
      const stored = read(run);
      expect(stored.populationMarginRatio).toBeCloseTo(ratio, 12);
      const heavy = clv(run, 'HEAVY');
      expect(heavy.basis).toBe('MARGIN');
      expect(heavy.inputs).toContainEqual({ name: 'marginRatio', value: 0.4, source: 'CUSTOMER' });
      expect(heavy.value).toBeCloseTo(heavy.inputs![0].value * heavy.expectedAverageOrderValue! * 0.4, 9);
      const zero = clv(run, 'ZERO');
      expect(zero.basis).toBe('MARGIN');
      expect(zero.inputs).toContainEqual({ name: 'marginRatio', value: stored.populationMarginRatio, source: 'POPULATION' });
    });

    it('honours ctx.horizonDays: purchases over that many days, undiscounted', async () => {
      const run = await runPlugin(plugin, everyone(), { batchSize: 64 });
      const { params } = read(run);
      const [heavy] = plugin.provides[0].score(specialSubjects().slice(1, 2), run.models.clv, ctx(91)) as ClvValue[];
      // 91 days = 13 weeks.
      const purchases = model.expectedTransactions(params, 43, 43, SPECIAL_T, 13);
      expect(heavy.expectedPurchases).toBeCloseTo(purchases, 12);
      expect(heavy.value).toBeCloseTo(purchases * heavy.expectedAverageOrderValue!, 9);
      expect(heavy).toMatchObject({ discountRate: null });
      expect(heavy.horizonMonths).toBeCloseTo(91 / 30.4375, 12);
    });

    it('a longer horizon is worth more; a higher discount rate less', async () => {
      const base = clv(await runPlugin(plugin, everyone(), { batchSize: 100 }), 'HEAVY').value;
      const longer = clv(await runPlugin(plugin, everyone(), { batchSize: 100, options: { horizonMonths: 24 } }), 'HEAVY').value;
      const dearer = clv(await runPlugin(plugin, everyone(), { batchSize: 100, options: { discountRate: 0.05 } }), 'HEAVY').value;
      expect(longer).toBeGreaterThan(base);
      expect(dearer).toBeLessThan(base);
    });

    it('fails the run with a clear message for a degenerate population', async () => {
      await expect(runPlugin(plugin, oneOffSubjects())).rejects.toThrow(new RegExp(`${name} fit failed: only 0 of 30 customers`));
      // Repeat purchases without any value: the transaction model fits, the spend model cannot.
      const free = plain.map((s, i) => subjectFromPurchases((s.interactions ?? []).map((p) => ({ at: p.occurredAt, amount: 0 })), BTYD_AS_OF, { id: i + 1 }));
      await expect(runPlugin(plugin, free, { batchSize: 100 })).rejects.toThrow(/Gamma-Gamma fit failed: only 0 repeat buyers have a positive/);
    });

    it('rejects unknown options and a broken stored model', async () => {
      await expect(runPlugin(plugin, plain, { options: { horizon: 12 } })).rejects.toThrow();
      const score = (stored: Record<string, unknown>) => plugin.provides[0].score(plain.slice(0, 1), stored, ctx());
      expect(() => score({ params: c.ownParams, unit: 'week' })).toThrow(/Gamma-Gamma parameters/);
      expect(() => score({ params: c.otherParams, unit: 'week', spend: { p: 1, q: 2, gamma: 3 } })).toThrow(new RegExp(`${name} parameters`));
    });
  });
}
