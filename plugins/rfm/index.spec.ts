import { describe, expect, it } from 'vitest';
import {
  Channel, type CustomerSummary, type FittedModel, InteractionType, type MetricContext, type MetricInteraction, type MetricSubject,
  subject as fixtureSubject,
} from '../../src/plugin-api';
import plugin from './index';
import { type RfmConfig, rfmConfigSchema } from './rfm.config';

const DAY = 86_400_000;
const asOf = new Date('2026-01-01T00:00:00.000Z');
const ago = (days: number): Date => new Date(asOf.getTime() - days * DAY);
const provider = plugin.provides[0];

// The host's own fixture builder: a subject with these summary fields (and interactions).
const subject = (id: number, summary: Partial<CustomerSummary>, interactions?: MetricInteraction[]): MetricSubject =>
  fixtureSubject({ customer: { id }, summary, interactions });

/** A customer who bought `purchases` times for `revenue` net, the last time `days` days before asOf. */
const buyer = (id: number, days: number, purchases: number, revenue: number): MetricSubject =>
  subject(id, { purchaseCount: purchases, repeatPurchases: purchases - 1, lastPurchaseAt: ago(days), grossRevenue: revenue, revenue });

const event = (type: InteractionType, days: number, amount: number | null): MetricInteraction => ({
  occurredAt: ago(days), type, channel: Channel.STORE, contactLevel: null, amount, currency: amount === null ? null : 'USD', margin: null, expectationScore: null, perceptionScore: null,
});
const purchase = (days: number, amount: number | null) => event(InteractionType.PURCHASE, days, amount);
const refund = (days: number, amount: number) => event(InteractionType.REFUND, days, amount);

function context(options: Record<string, unknown> = {}): MetricContext<RfmConfig> & { logs: string[] } {
  const logs: string[] = [];
  return { config: rfmConfigSchema.parse(options), asOf, currency: 'USD', log: (message) => logs.push(message), logs };
}

/** Streams the subjects to fit in batches of `size`, as the host does. */
async function* batches(subjects: MetricSubject[], size: number): AsyncGenerator<MetricSubject[]> {
  for (let i = 0; i < subjects.length; i += size) yield subjects.slice(i, i + size);
}

async function fit(subjects: MetricSubject[], ctx: MetricContext<RfmConfig>) {
  if (!provider.fit) throw new Error('the rfm provider must fit');
  return provider.fit(batches(subjects, 3), ctx);
}

/*
 * Ten customers with purchases, [recency days, purchases, net revenue], and K without any:
 *   A 1/12/1200  B 3/8/950  C 5/6/400  D 10/1/50  E 20/4/700
 *   F 40/2/120   G 60/3/300 H 90/1/30  I 200/9/1500 J 400/1/80   K none
 * Quintile cut points (values of ranks 2, 4, 6, 8 of each sorted column of the ten buyers):
 *   recency [3, 10, 40, 90], frequency [1, 2, 4, 8], monetary [50, 120, 400, 950].
 * Scores (a value equal to a cut point takes the lower-value bin; recency reversed):
 *   A 5-5-5 Champions 15 | B 5-4-4 Champions 13 | C 4-4-3 Loyal Customers 11 | D 4-1-1 Promising 6
 *   E 3-3-4 Need Attention 10 | F 3-2-2 Need Attention 7 | G 2-3-3 At Risk 8 | H 2-1-1 Hibernating 4
 *   I 1-5-5 Can't Lose Them 11 | J 1-1-2 Lost 4 | K null
 */
const everyone = [
  buyer(1, 1, 12, 1200), buyer(2, 3, 8, 950), buyer(3, 5, 6, 400), buyer(4, 10, 1, 50), buyer(5, 20, 4, 700),
  buyer(6, 40, 2, 120), buyer(7, 60, 3, 300), buyer(8, 90, 1, 30), buyer(9, 200, 9, 1500), buyer(10, 400, 1, 80),
  subject(11, {}),
];

describe('rfm plugin', () => {
  it('declares itself as the contract asks', () => {
    expect(plugin).toMatchObject({ name: 'rfm', version: '1.0.0', apiVersion: '1.0', segments: { metricKey: 'rfm' } });
    expect(plugin.provides).toHaveLength(1);
    expect(provider.kind).toBe('rfm');
    const requires = provider.requires;
    expect(typeof requires).toBe('function');
    if (typeof requires === 'function') {
      expect(requires(rfmConfigSchema.parse({}))).toEqual(['summary']);
      expect(requires(rfmConfigSchema.parse({ windowDays: 90 }))).toEqual(['summary', 'interactions']);
    }
  });

  it('fits the hand-computed quintiles from batches and reports the population', async () => {
    const { model, diagnostics } = await fit(everyone, context());
    expect(model).toEqual({
      bins: 5, source: 'quantiles', monetary: 'total', windowDays: null, population: 10,
      cutPoints: { recency: [3, 10, 40, 90], frequency: [1, 2, 4, 8], monetary: [50, 120, 400, 950] },
    });
    // f scores: D, H, J -> 1; F -> 2; E, G -> 3; B, C -> 4; A, I -> 5. r and m: two customers per score.
    expect(diagnostics).toEqual({
      customers: 11, withPurchases: 10, withoutPurchases: 1, source: 'quantiles',
      scoreCounts: { r: [2, 2, 2, 2, 2], f: [3, 1, 2, 2, 2], m: [2, 2, 2, 2, 2] },
      segmentCounts: {
        Champions: 2, 'Loyal Customers': 1, Promising: 1, 'Need Attention': 2, 'At Risk': 1,
        Hibernating: 1, "Can't Lose Them": 1, Lost: 1,
      },
    });
  });

  it('scores every subject as worked out by hand, null without purchases', async () => {
    const ctx = context();
    const { model } = await fit(everyone, ctx);
    const cells = provider.score(everyone, model, ctx).map((v) => (v && 'cell' in v ? `${v.cell} ${v.segment} ${v.score}` : v));
    expect(cells).toEqual([
      '5-5-5 Champions 15', '5-4-4 Champions 13', '4-4-3 Loyal Customers 11', '4-1-1 Promising 6', '3-3-4 Need Attention 10',
      '3-2-2 Need Attention 7', '2-3-3 At Risk 8', '2-1-1 Hibernating 4', "1-5-5 Can't Lose Them 11", '1-1-2 Lost 4', null,
    ]);
    // C in full: recency 5 days, 6 purchases, 400 spent.
    expect(provider.score([everyone[2]], model, ctx)).toEqual([
      { recency: 5, frequency: 6, monetary: 400, r: 4, f: 4, m: 3, cell: '4-4-3', segment: 'Loyal Customers', score: 11 },
    ]);
  });

  it('re-scores one customer with the stored model exactly as the refresh did', async () => {
    const ctx = context({ monetary: 'average' });
    const { model } = await fit(everyone, ctx);
    const refreshed = provider.score(everyone, model, ctx);
    const stored = JSON.parse(JSON.stringify(model)) as FittedModel;
    everyone.forEach((s, i) => expect(provider.score([s], stored, ctx)).toEqual([refreshed[i]]));
  });

  it('throws on a model fitted under other options', async () => {
    const { model } = await fit(everyone, context());
    expect(() => provider.score(everyone, model, context({ monetary: 'average' }))).toThrow(/refresh the rfm metric/);
  });

  describe('with windowDays = 365', () => {
    /*
     * Interactions oldest first; only purchases and refunds in (asOf - 365 d, asOf] count:
     *   W1 purchases 40, 20, 2 days ago of 100 each           -> rec 2,  f 3, m 300
     *   W2 purchase 400 days ago (5000, outside), 30 days (80) -> rec 30, f 1, m 80
     *   W3 purchase 10 days (500), refund 5 days (200)        -> rec 10, f 1, m 300
     *   W4 only a purchase 500 days ago                       -> null (its summary has it, but is not used)
     *   W5 purchases 90 and 60 days ago of 50                 -> rec 60, f 2, m 100
     *   W6 purchase 5 days (40), 1 day (another currency)     -> rec 1,  f 2, m 40
     * Five buyers: ranks ceil(5k/5) = 1, 2, 3, 4 of each sorted column.
     *   recency 1 2 10 30 60 -> [1, 2, 10, 30];  frequency 1 1 2 2 3 -> [1, 1, 2, 2];  monetary 40 80 100 300 300 -> [40, 80, 100, 300]
     *   W1 r 4 (2 = cut), f 5, m 4 (300 = cut)  4-5-4 Champions
     *   W2 r 2 (30 = cut), f 1, m 2 (80 = cut)  2-1-2 Hibernating
     *   W3 r 3 (10 = cut), f 1, m 4             3-1-4 About To Sleep
     *   W5 r 1, f 3 (2 = cut), m 3 (100 = cut)  1-3-3 At Risk
     *   W6 r 5 (1 = cut), f 3, m 1 (40 = cut)   5-3-1 Potential Loyalists
     * W1 and W3 tie on 300 and both get m 4: nobody gets m 5.
     */
    const windowed = [
      subject(21, {}, [purchase(40, 100), purchase(20, 100), purchase(2, 100)]),
      subject(22, {}, [purchase(400, 5000), purchase(30, 80)]),
      subject(23, {}, [purchase(10, 500), refund(5, 200)]),
      subject(24, { purchaseCount: 1, lastPurchaseAt: ago(500), grossRevenue: 1000, revenue: 1000 }, [purchase(500, 1000)]),
      subject(25, {}, [purchase(90, 50), purchase(60, 50)]),
      subject(26, {}, [purchase(5, 40), purchase(1, null)]),
    ];

    it('scores from the interactions in the window only', async () => {
      const ctx = context({ windowDays: 365 });
      const { model, diagnostics } = await fit(windowed, ctx);
      expect(model).toMatchObject({ windowDays: 365, population: 5, cutPoints: { recency: [1, 2, 10, 30], frequency: [1, 1, 2, 2], monetary: [40, 80, 100, 300] } });
      expect(diagnostics).toMatchObject({ customers: 6, withPurchases: 5, withoutPurchases: 1 });
      const cells = provider.score(windowed, model, ctx).map((v) => (v && 'cell' in v ? `${v.cell} ${v.segment}` : v));
      expect(cells).toEqual(['4-5-4 Champions', '2-1-2 Hibernating', '3-1-4 About To Sleep', null, '1-3-3 At Risk', '5-3-1 Potential Loyalists']);
    });

    it('fails only the customer whose interactions are missing', async () => {
      const ctx = context({ windowDays: 365 });
      const { model } = await fit(windowed, ctx);
      const [missing, fine] = provider.score([subject(27, { purchaseCount: 1, lastPurchaseAt: ago(1) }), windowed[0]], model, ctx);
      expect(missing).toEqual({ error: 'rfm: windowDays is set but the host passed no interactions' });
      expect(fine).toMatchObject({ cell: '4-5-4' });
    });
  });

  it('survives a population without purchases, then asks for a refresh', async () => {
    const ctx = context();
    const { model, diagnostics } = await fit([subject(31, {}), subject(32, {})], ctx);
    expect(model).toMatchObject({ population: 0, cutPoints: null });
    expect(diagnostics).toMatchObject({ customers: 2, withPurchases: 0, scoreCounts: null, segmentCounts: null });
    expect(ctx.logs).toHaveLength(1);
    const [nobody, later] = provider.score([subject(31, {}), buyer(33, 1, 1, 10)], model, ctx);
    expect(nobody).toBeNull();
    expect(later).toEqual({ error: expect.stringMatching(/without purchases; refresh the rfm metric/) });
  });
});
