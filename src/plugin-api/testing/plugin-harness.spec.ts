import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Channel, ChannelRole, ContactLevel, InteractionType, LinkType, Origin, Party, RelationshipKind } from '../../common/enums';
import crashy from '../../../test/fixtures/plugins/crashy/index';
import spendClv from '../../../test/fixtures/plugins/spend-clv/index';
import { definePlugin, HOST_API_VERSION, type MetricSubject } from '../plugin.contract';
import {
  DEFAULT_AS_OF, emptySummary, resetSubjectIds, runPlugin, subject, subjectFromInteractions, subjectFromPurchases,
} from './plugin-harness';

const asOf = '2026-01-01T00:00:00.000Z';

/** A free metric that records what fit and score were given, to look inside the harness. */
function probe(requires: ('summary' | 'interactions' | 'relationships')[] = ['summary']) {
  const seen = { fitBatches: [] as number[], scoreBatches: [] as number[], modelAt: [] as string[], interactions: [] as boolean[] };
  const plugin = definePlugin({
    name: 'probe',
    version: '0.0.1',
    apiVersion: HOST_API_VERSION,
    description: 'Records its inputs (test).',
    configSchema: z.object({}),
    provides: [{
      kind: 'metrics',
      metricKeys: ['probe'],
      requires,
      async fit(population) {
        for await (const batch of population) seen.fitBatches.push(batch.length);
        return { model: { at: new Date('2025-06-01T00:00:00.000Z'), nested: { n: 1 } }, diagnostics: { ok: true } };
      },
      score(subjects, model) {
        seen.scoreBatches.push(subjects.length);
        seen.modelAt.push(typeof model.at);
        seen.interactions.push(...subjects.map((s) => s.interactions !== undefined));
        return subjects.map((s) => ({ probe: { value: s.customer.id } }));
      },
    }],
  });
  return { plugin, seen };
}

beforeEach(() => resetSubjectIds());

describe('subject', () => {
  it('fills a customer and an empty summary with defaults, numbering customers', () => {
    const first = subject();
    const second = subject({ customer: { externalId: 'VIP' }, summary: { revenue: 10 } });
    expect(first).toEqual({
      customer: {
        id: 1, externalId: 'C-1', party: Party.PERSON, relationship: RelationshipKind.NON_CONTRACTUAL, channelRole: ChannelRole.END_CONSUMER,
        origin: Origin.EXTERNAL, acquiredAt: null, contractStartedAt: null, contractEndedAt: null, churnReason: null, traits: null,
      },
      summary: {
        currency: 'USD', purchaseCount: 0, repeatPurchases: 0, refundCount: 0, firstPurchaseAt: null, lastPurchaseAt: null,
        grossRevenue: 0, refundedAmount: 0, revenue: 0, totalMargin: 0, marginedPurchaseCount: 0, averageOrderValue: null, daysSinceLastPurchase: null,
        daysSinceFirstPurchase: null, interactionCount: 0, interactionsByType: [], interactionsByChannel: [],
        interactionsByContactLevel: [], firstInteractionAt: null, lastInteractionAt: null, scoredSurveyCount: 0,
        averageSatisfactionGap: null, foreignCurrencyAmounts: 0, purchaseDays: 0,
        purchaseDayTotals: { withAmount: 0, withMargin: 0, firstDayAmount: null, firstDayMargin: null, purchaseMargin: 0, marginRevenue: 0 },
      },
    });
    expect(second.customer).toMatchObject({ id: 2, externalId: 'VIP' });
    expect(second.summary).toEqual({ ...emptySummary(), revenue: 10 });
    expect(subject({ customer: { id: 40 } }).customer.externalId).toBe('C-40');
  });
});

describe('subjectFromPurchases', () => {
  it('summarises purchases and refunds up to asOf as the host does', () => {
    const s = subjectFromPurchases([
      { at: '2025-12-21T12:00:00Z', amount: 50, margin: 10 },
      { at: '2025-12-01T00:00:00Z', amount: 100, margin: 30 },
      { at: '2025-12-25T00:00:00Z', amount: 30, margin: 9, type: 'REFUND' },
      { at: '2026-02-01T00:00:00Z', amount: 999 },
    ], asOf);
    expect(s.summary).toEqual({
      currency: 'USD', purchaseCount: 2, repeatPurchases: 1, refundCount: 1,
      firstPurchaseAt: new Date('2025-12-01T00:00:00Z'), lastPurchaseAt: new Date('2025-12-21T12:00:00Z'),
      grossRevenue: 150, refundedAmount: 30, revenue: 120, totalMargin: 31, marginedPurchaseCount: 2, averageOrderValue: 75,
      // 10.5 and 31 days before asOf, counted in whole days.
      daysSinceLastPurchase: 10, daysSinceFirstPurchase: 31, interactionCount: 3,
      interactionsByType: [{ type: InteractionType.PURCHASE, count: 2 }, { type: InteractionType.REFUND, count: 1 }],
      interactionsByChannel: [{ channel: Channel.OTHER, count: 3 }], interactionsByContactLevel: [{ contactLevel: null, count: 3 }],
      firstInteractionAt: new Date('2025-12-01T00:00:00Z'), lastInteractionAt: new Date('2025-12-25T00:00:00Z'),
      scoredSurveyCount: 0, averageSatisfactionGap: null, foreignCurrencyAmounts: 0, purchaseDays: 2,
      // What the BTYD spend models read: the first day (100, margin 30) is left out of their means.
      purchaseDayTotals: { withAmount: 2, withMargin: 2, firstDayAmount: 100, firstDayMargin: 30, purchaseMargin: 40, marginRevenue: 150 },
    });
    // Oldest first; the purchase after asOf is invisible.
    expect(s.interactions?.map((i) => [i.occurredAt.toISOString().slice(0, 10), i.type, i.amount, i.margin])).toEqual([
      ['2025-12-01', 'PURCHASE', 100, 30], ['2025-12-21', 'PURCHASE', 50, 10], ['2025-12-25', 'REFUND', 30, 9],
    ]);
  });

  it('keeps foreign money out of the summary and surveys in the satisfaction gap', () => {
    const s = subjectFromInteractions([
      { at: '2025-11-01', type: 'PURCHASE', amount: 80, channel: 'WEB' },
      { at: '2025-11-02', type: 'PURCHASE', amount: 70, currency: 'EUR', channel: 'WEB' },
      { at: '2025-11-03', type: 'SURVEY', channel: 'EMAIL', contactLevel: 'LOW', expectationScore: 8, perceptionScore: 9 },
      { at: '2025-11-04', type: 'SURVEY', channel: 'EMAIL', contactLevel: 'LOW', expectationScore: 8, perceptionScore: 5 },
    ], asOf);
    expect(s.summary).toMatchObject({
      purchaseCount: 2, grossRevenue: 80, averageOrderValue: 80, foreignCurrencyAmounts: 1, scoredSurveyCount: 2, averageSatisfactionGap: -1,
      interactionsByChannel: [{ channel: Channel.EMAIL, count: 2 }, { channel: Channel.WEB, count: 2 }],
      interactionsByContactLevel: [{ contactLevel: ContactLevel.LOW, count: 2 }, { contactLevel: null, count: 2 }],
    });
    expect(s.interactions?.map((i) => i.amount)).toEqual([80, null, null, null]);
  });

  it('refuses data the host would reject', () => {
    expect(() => subjectFromPurchases([{ at: '2025-01-01', amount: -5 }], asOf)).toThrow('interactions[0].amount: must be a finite number >= 0, got -5');
    expect(() => subjectFromPurchases([{ at: 'yesterday', amount: 5 }], asOf)).toThrow('interactions[0].at: "yesterday" is not a date');
    expect(() => subjectFromInteractions([{ at: '2025-01-01', type: 'REFUND' }], asOf)).toThrow('interactions[0].amount: is required for a REFUND');
  });
});

describe('runPlugin with spend-clv', () => {
  // A: 100 + 50 - 30 refunded = 120 net over 2 purchases; B: 40 once; C: nothing.
  const population = (): MetricSubject[] => [
    subjectFromPurchases([{ at: '2025-10-01', amount: 100 }, { at: '2025-11-01', amount: 50 }, { at: '2025-12-01', amount: 30, type: 'REFUND' }], asOf, { externalId: 'A' }),
    subjectFromPurchases([{ at: '2025-12-15', amount: 40 }], asOf, { externalId: 'B' }),
    subject({ customer: { externalId: 'C' } }),
  ];

  it('fits the mean revenue and scores clv = multiple x revenue, null without purchases', async () => {
    const run = await runPlugin(spendClv, population(), { asOf });
    expect(run.config).toEqual({ multiple: 2 });
    expect(run.models).toEqual({ clv: { meanRevenue: (120 + 40 + 0) / 3 } });
    expect(run.diagnostics).toEqual({ clv: { customers: 3 } });
    expect(run.valueOf('clv', 'A')).toEqual({
      value: 240, currency: 'USD', horizonMonths: 12, discountRate: 0.01, expectedPurchases: 2, expectedAverageOrderValue: 75,
    });
    expect(run.valueOf('clv', 'B')).toMatchObject({ value: 80, expectedPurchases: 1, expectedAverageOrderValue: 40 });
    expect(run.valueOf('clv', 'C')).toBeNull();
    expect([...run.results.keys()]).toEqual(['clv']);
    expect(run.results.get('clv')?.map((o) => (o && 'value' in o ? o.value : o))).toEqual([240, 80, null]);
  });

  it('leaves INTERNAL customers out unless includeInternal, as the host does', async () => {
    const staff = subjectFromPurchases([{ at: '2025-12-15', amount: 1000 }], asOf, { externalId: 'staff', origin: Origin.INTERNAL });
    const without = await runPlugin(spendClv, [...population(), staff], { asOf });
    expect(without.diagnostics).toEqual({ clv: { customers: 3 } });
    expect(without.valueOf('clv', 'staff')).toBeNull();
    expect(without.leftOut).toEqual(['staff']);
    const withStaff = await runPlugin(spendClv, [...population(), staff], { asOf, includeInternal: true });
    expect(withStaff.models).toEqual({ clv: { meanRevenue: (120 + 40 + 0 + 1000) / 4 } });
    expect(withStaff.valueOf('clv', 'staff')).toMatchObject({ value: 2000 });
    expect(withStaff.leftOut).toEqual([]);
  });

  it('applies options and the run currency', async () => {
    const eur = [subjectFromPurchases([{ at: '2025-12-15', amount: 40 }], asOf, { externalId: 'E' }, 'EUR')];
    const run = await runPlugin(spendClv, eur, { asOf, currency: 'EUR', options: { multiple: 3 } });
    expect(run.valueOf('clv', 'E')).toMatchObject({ value: 120, currency: 'EUR' });
  });

  it('lists every invalid option, as the host does at startup', async () => {
    await expect(runPlugin(spendClv, population(), { asOf, options: { multiple: -1 } }))
      .rejects.toThrow(/^Invalid options for plugin "spend-clv":\n {2}- options\.spend-clv\.multiple: Too small/);
    const both = runPlugin(crashy, [], { options: { failFitBefore: 5, tierThreshold: 'high' } });
    await expect(both).rejects.toThrow(/options\.crashy\.failFitBefore: .*\n.*options\.crashy\.tierThreshold: /);
  });

  it('says which customer or kind it does not know', async () => {
    const run = await runPlugin(spendClv, population(), { asOf });
    expect(() => run.valueOf('churn', 'A')).toThrow('plugin "spend-clv" produces no "churn" (it produces clv)');
    expect(() => run.valueOf('clv', 'Z')).toThrow('no subject has externalId "Z"');
  });
});

describe('runPlugin with crashy', () => {
  const population = (): MetricSubject[] => [
    subjectFromPurchases([{ at: '2025-12-01', amount: 60 }, { at: '2025-12-02', amount: 10 }, { at: '2025-12-03', amount: 5 }], asOf, { externalId: 'ok' }),
    subject({ customer: { externalId: 'kaboom' }, summary: { revenue: 10 } }),
    subject({ customer: { externalId: 'nan-1' } }),
    subject({ customer: { externalId: 'quiet' }, links: [{ type: LinkType.REFERRED, direction: 'OUT', customerId: 1 }] }),
  ];

  it('isolates the customers that throw or return NaN and keeps the rest', async () => {
    const run = await runPlugin(crashy, population(), { asOf });
    // churn = 1 / (1 + interactions): 3 purchases for "ok", none for "quiet".
    expect(run.results.get('churn')).toEqual([
      { probability: 0.25, pAlive: null },
      { error: 'cannot score kaboom' },
      { error: 'returned a non-finite number at value.probability' },
      { probability: 1, pAlive: null },
    ]);
    expect(run.models).toEqual({ churn: { seen: 4 }, 'metrics:spend-tier,link-count': {} });
    // The free metrics are unaffected: another provider of the same plugin.
    expect(run.results.get('spend-tier')).toEqual([
      { value: 75, label: 'high' }, { value: 10, label: 'low' }, { value: 0, label: 'low' }, { value: 0, label: 'low' },
    ]);
    expect(run.valueOf('link-count', 'quiet')).toEqual({ value: 1, label: null });
    expect(run.valueOf('link-count', 'ok')).toEqual({ value: 0, label: null });
  });

  it('fails the run when fit fails', async () => {
    await expect(runPlugin(crashy, population(), { asOf, options: { failFitBefore: '2030-01-01' } })).rejects.toThrow('the likelihood did not converge');
  });
});

describe('runPlugin mechanics', () => {
  const five = (): MetricSubject[] => [1, 2, 3, 4, 5].map((i) => subjectFromPurchases([{ at: '2025-12-01', amount: i }], asOf));

  it('streams batches of 2 by default, or of batchSize', async () => {
    const a = probe();
    await runPlugin(a.plugin, five(), { asOf });
    expect(a.seen.fitBatches).toEqual([2, 2, 1]);
    expect(a.seen.scoreBatches).toEqual([2, 2, 1]);
    const b = probe();
    await runPlugin(b.plugin, five(), { asOf, batchSize: 4 });
    expect(b.seen.fitBatches).toEqual([4, 1]);
  });

  it('fits providers that share a fit once, and the others on their own', async () => {
    // clv and churn share `shared` (one pass over the 5 customers); the free metric has its own fit.
    const passes: string[] = [];
    const counting = (name: string) => async (population: AsyncIterable<MetricSubject[]>) => {
      let n = 0;
      for await (const batch of population) n += batch.length;
      passes.push(`${name}:${n}`);
      return { model: { n } };
    };
    const shared = counting('shared');
    const plugin = definePlugin({
      name: 'two-kinds', version: '1.0.0', apiVersion: HOST_API_VERSION, description: 'shared fit', configSchema: z.object({}),
      provides: [
        { kind: 'clv', requires: ['summary'], fit: shared, score: (s, m) => s.map(() => ({ value: Number(m.n), currency: 'USD', horizonMonths: null, discountRate: null, expectedPurchases: null, expectedAverageOrderValue: null })) },
        { kind: 'churn', requires: ['summary'], fit: shared, score: (s, m) => s.map(() => ({ probability: Number(m.n) / 10, pAlive: null })) },
        { kind: 'metrics', metricKeys: ['own'], requires: ['summary'], fit: counting('own'), score: (s, m) => s.map(() => ({ own: { value: Number(m.n) } })) },
      ],
    });
    const run = await runPlugin(plugin, five(), { asOf });
    expect(passes).toEqual(['shared:5', 'own:5']);
    expect(run.models).toEqual({ clv: { n: 5 }, churn: { n: 5 }, 'metrics:own': { n: 5 } });
    expect(run.results.get('churn')?.[0]).toMatchObject({ probability: 0.5 });
  });

  it('hands score the model after a JSON round trip', async () => {
    const { plugin, seen } = probe();
    const run = await runPlugin(plugin, five(), { asOf });
    expect(seen.modelAt).toEqual(['string', 'string', 'string']);
    expect(run.models).toEqual({ 'metrics:probe': { at: '2025-06-01T00:00:00.000Z', nested: { n: 1 } } });
    expect(run.diagnostics).toEqual({ 'metrics:probe': { ok: true } });
  });

  it('rejects a model that JSON would change', async () => {
    const lossy = definePlugin({
      ...probe().plugin,
      provides: [{ kind: 'metrics', metricKeys: ['lossy'], requires: ['summary'], fit: async () => ({ model: { mean: Number.NaN, seen: new Set([1]) } }), score: (s) => s.map(() => null) }],
    });
    await expect(runPlugin(lossy, five(), { asOf })).rejects.toThrow(
      'the model of metrics:lossy does not survive JSON:\n  - the model of metrics:lossy.mean is NaN (stored as null)\n  - the model of metrics:lossy.seen is a Set (stored as a plain object)',
    );
  });

  it('passes interactions and links only when required', async () => {
    const without = probe(['summary']);
    await runPlugin(without.plugin, five(), { asOf });
    expect(without.seen.interactions).toEqual([false, false, false, false, false]);
    const withThem = probe(['summary', 'interactions']);
    await runPlugin(withThem.plugin, [subject(), ...five()], { asOf });
    expect(withThem.seen.interactions).toEqual([true, true, true, true, true, true]);
  });

  it('refuses subjects that do not fit the run', async () => {
    const { plugin } = probe();
    const later = subjectFromPurchases([{ at: '2026-03-01', amount: 1 }], '2026-06-01', { externalId: 'late' });
    await expect(runPlugin(plugin, [later])).rejects.toThrow(
      `subject late: has an interaction at 2026-03-01T00:00:00.000Z, after asOf ${DEFAULT_AS_OF.toISOString()}; build subjects with the asOf of the run`,
    );
    await expect(runPlugin(plugin, [subject({ customer: { id: 7 } }), subject({ customer: { id: 7 } })])).rejects.toThrow('two subjects share customer.id 7');
    await expect(runPlugin(plugin, [subject({ customer: { externalId: 'usd' } })], { currency: 'EUR' })).rejects.toThrow('subject usd: summary is in USD, the run in EUR');
  });

  it('refuses a plugin the host would not load', async () => {
    const future = definePlugin({ ...probe().plugin, apiVersion: '2.0', provides: [{ kind: 'metrics', requires: ['summary'], score: (s) => s.map(() => null) }] });
    await expect(runPlugin(future, [])).rejects.toThrow('Plugin "probe" would not load:\n  - targets host API 2.0, this host provides 1.0\n  - provides[0] of kind metrics must list metricKeys');
  });
});

describe('plugins/README.md', () => {
  it('quotes the worked example exactly as its tested files', () => {
    const root = path.resolve(__dirname, '../../..');
    const readme = fs.readFileSync(path.join(root, 'plugins/README.md'), 'utf8');
    for (const file of ['index.ts', 'index.spec.ts']) {
      const source = fs.readFileSync(path.join(root, 'test/fixtures/plugins/satisfaction-example', file), 'utf8');
      expect(readme, `plugins/README.md must quote satisfaction-example/${file}`).toContain(`\`\`\`ts\n${source}\`\`\``);
    }
  });
});
