import { describe, expect, it } from 'vitest';
import {
  Channel, type CustomerSummary, InteractionType, type MetricInteraction, type MetricSubject, subject as fixtureSubject,
} from '../../src/plugin-api';
import { type RfmConfig, rfmConfigSchema } from './rfm.config';
import { readRfmModel } from './rfm-model.schema';
import { fitRfm, RfmColumns, type RfmInputs, rfmInputs, scoreRfm } from './rfm.model';

const DAY = 86_400_000;
const asOf = new Date('2026-01-01T00:00:00.000Z');
const ago = (days: number): Date => new Date(asOf.getTime() - days * DAY);
const config = (options: Record<string, unknown> = {}): RfmConfig => rfmConfigSchema.parse(options);

// The host's own fixture builder: a subject with these summary fields (and interactions).
const subject = (summary: Partial<CustomerSummary>, interactions?: MetricInteraction[]): MetricSubject =>
  fixtureSubject({ summary, interactions });

const event = (type: InteractionType, at: Date, amount: number | null): MetricInteraction => ({
  occurredAt: at, type, channel: Channel.WEB, contactLevel: null, amount, currency: amount === null ? null : 'USD', margin: null, expectationScore: null, perceptionScore: null,
});

/** A customer who bought `purchases` times for `revenue` net, the last time `days` days before asOf. */
const buyer = (days: number, purchases: number, revenue: number): MetricSubject =>
  subject({ purchaseCount: purchases, lastPurchaseAt: ago(days), grossRevenue: revenue, revenue });

/*
 * The reference population (10 customers with purchases), as [recency days, purchases, net revenue]:
 *   A 1/12/1200  B 3/8/950  C 5/6/400  D 10/1/50  E 20/4/700
 *   F 40/2/120   G 60/3/300 H 90/1/30  I 200/9/1500 J 400/1/80
 * n = 10, 5 bins: the cut points are the values of ranks ceil(10k/5) = 2, 4, 6, 8 of each sorted column.
 *   recency   1 3 5 10 20 40 60 90 200 400        -> [3, 10, 40, 90]
 *   frequency 1 1 1 2 3 4 6 8 9 12                 -> [1, 2, 4, 8]
 *   monetary  30 50 80 120 300 400 700 950 1200 1500 -> [50, 120, 400, 950]
 */
const population: Record<string, MetricSubject> = {
  A: buyer(1, 12, 1200), B: buyer(3, 8, 950), C: buyer(5, 6, 400), D: buyer(10, 1, 50), E: buyer(20, 4, 700),
  F: buyer(40, 2, 120), G: buyer(60, 3, 300), H: buyer(90, 1, 30), I: buyer(200, 9, 1500), J: buyer(400, 1, 80),
};

function inputsOf(subjects: MetricSubject[], cfg: RfmConfig): RfmInputs[] {
  return subjects.map((s) => {
    const x = rfmInputs(s, asOf, cfg);
    if (!x) throw new Error('fixture without purchases');
    return x;
  });
}

/** Fits on the reference population and scores every customer of it, by name. */
function scoreReference(cfg: RfmConfig) {
  const names = Object.keys(population);
  const inputs = inputsOf(Object.values(population), cfg);
  const model = fitRfm(RfmColumns.of(inputs), cfg);
  const byName = Object.fromEntries(names.map((name, i) => [name, scoreRfm(inputs[i], model, cfg)]));
  return { model, byName };
}

describe('rfmInputs', () => {
  it('is null without purchases', () => {
    expect(rfmInputs(subject({}), asOf, config())).toBeNull();
  });

  it('reads the summary without a window: whole days, net of refunds, total or average', () => {
    // Last purchase 10 days 18 hours ago -> 10 whole days. 4 purchases of 500 gross, 100 refunded: net 400.
    const s = subject({ purchaseCount: 4, lastPurchaseAt: new Date(ago(10).getTime() - 18 * 3_600_000), grossRevenue: 500, refundedAmount: 100, revenue: 400 });
    expect(rfmInputs(s, asOf, config())).toEqual({ recency: 10, frequency: 4, monetary: 400 });
    // Average: 400 / 4 purchases = 100.
    expect(rfmInputs(s, asOf, config({ monetary: 'average' }))).toEqual({ recency: 10, frequency: 4, monetary: 100 });
  });

  describe('with windowDays = 365', () => {
    const history = [
      event(InteractionType.PURCHASE, ago(400), 1000), // before the window
      event(InteractionType.REFUND, ago(380), 300), // before the window
      event(InteractionType.PURCHASE, ago(365), 70), // exactly asOf - 365 days: the window is open on that side
      event(InteractionType.PURCHASE, ago(100), 200),
      event(InteractionType.VISIT, ago(50), null),
      event(InteractionType.PURCHASE, ago(10), 50),
      event(InteractionType.REFUND, ago(5), 20),
      event(InteractionType.PURCHASE, new Date(ago(3).getTime() - 12 * 3_600_000), null), // another currency
    ];
    // The summary (all history) must be ignored once a window is set.
    const s = subject({ purchaseCount: 5, lastPurchaseAt: ago(3.5), grossRevenue: 1320, refundedAmount: 320, revenue: 1000 }, history);

    it('counts only purchases and refunds inside the window; null amounts count as purchases with no money', () => {
      // In (asOf - 365 d, asOf]: purchases at 100, 10 and 3.5 days -> frequency 3, recency floor(3.5) = 3;
      // money 200 + 50 - 20 (refund) = 230; the foreign-currency purchase adds nothing.
      expect(rfmInputs(s, asOf, config({ windowDays: 365 }))).toEqual({ recency: 3, frequency: 3, monetary: 230 });
      // Average: 230 / 3 = 76.666...
      expect(rfmInputs(s, asOf, config({ windowDays: 365, monetary: 'average' }))?.monetary).toBeCloseTo(76.6667, 4);
    });

    it('includes a purchase exactly at asOf and excludes one exactly windowDays before', () => {
      const edges = subject({}, [event(InteractionType.PURCHASE, ago(365), 70), event(InteractionType.PURCHASE, asOf, 5)]);
      expect(rfmInputs(edges, asOf, config({ windowDays: 365 }))).toEqual({ recency: 0, frequency: 1, monetary: 5 });
    });

    it('is null when every purchase is older than the window, even if the summary has some', () => {
      const old = subject({ purchaseCount: 1, lastPurchaseAt: ago(400), grossRevenue: 1000, revenue: 1000 }, history.slice(0, 2));
      expect(rfmInputs(old, asOf, config({ windowDays: 365 }))).toBeNull();
      expect(rfmInputs(old, asOf, config())).toEqual({ recency: 400, frequency: 1, monetary: 1000 });
    });

    it('throws when the host passed no interactions', () => {
      expect(() => rfmInputs(subject({ purchaseCount: 1, lastPurchaseAt: ago(1) }), asOf, config({ windowDays: 365 }))).toThrow(/no interactions/);
    });
  });
});

describe('fitRfm and scoreRfm on the reference population', () => {
  it('cuts at the hand-computed quintiles', () => {
    const { model } = scoreReference(config());
    expect(model).toEqual({
      bins: 5, source: 'quantiles', monetary: 'total', windowDays: null, population: 10,
      cutPoints: { recency: [3, 10, 40, 90], frequency: [1, 2, 4, 8], monetary: [50, 120, 400, 950] },
    });
  });

  it('scores, names and sums every customer as worked out by hand', () => {
    /*
     * r = 6 - (1 + number of recency cut points strictly below the value); f, m = 1 + number strictly below.
     *   A: rec 1 -> 5; f 12 -> 5; m 1200 -> 5          5-5-5 Champions        15
     *   B: rec 3 = cut -> 5; f 8 = cut -> 4; m 950 = cut -> 4   5-4-4 Champions  13
     *   C: rec 5 -> 4; f 6 -> 4; m 400 = cut -> 3      4-4-3 Loyal Customers  11
     *   D: rec 10 = cut -> 4; f 1 -> 1; m 50 -> 1      4-1-1 Promising         6
     *   E: rec 20 -> 3; f 4 = cut -> 3; m 700 -> 4     3-3-4 Need Attention   10
     *   F: rec 40 = cut -> 3; f 2 -> 2; m 120 -> 2     3-2-2 Need Attention    7
     *   G: rec 60 -> 2; f 3 -> 3; m 300 -> 3           2-3-3 At Risk           8
     *   H: rec 90 = cut -> 2; f 1 -> 1; m 30 -> 1      2-1-1 Hibernating       4
     *   I: rec 200 -> 1; f 9 -> 5; m 1500 -> 5         1-5-5 Can't Lose Them  11
     *   J: rec 400 -> 1; f 1 -> 1; m 80 -> 2           1-1-2 Lost              4
     */
    const { byName } = scoreReference(config());
    const expected: Record<string, [number, number, number, string, number]> = {
      A: [5, 5, 5, 'Champions', 15], B: [5, 4, 4, 'Champions', 13], C: [4, 4, 3, 'Loyal Customers', 11],
      D: [4, 1, 1, 'Promising', 6], E: [3, 3, 4, 'Need Attention', 10], F: [3, 2, 2, 'Need Attention', 7],
      G: [2, 3, 3, 'At Risk', 8], H: [2, 1, 1, 'Hibernating', 4], I: [1, 5, 5, "Can't Lose Them", 11], J: [1, 1, 2, 'Lost', 4],
    };
    for (const [name, [r, f, m, segment, score]] of Object.entries(expected)) {
      expect(byName[name], name).toMatchObject({ r, f, m, cell: `${r}-${f}-${m}`, segment, score });
    }
    expect(byName.B).toEqual({ recency: 3, frequency: 8, monetary: 950, r: 5, f: 4, m: 4, cell: '5-4-4', segment: 'Champions', score: 13 });
  });

  it('weights the score, or leaves it null', () => {
    // A with weights r 2, f 1, m 0.5: 2*5 + 1*5 + 0.5*5 = 17.5; D: 2*4 + 1 + 0.5 = 9.5.
    const weighted = scoreReference(config({ scoreWeights: { r: 2, f: 1, m: 0.5 } })).byName;
    expect([weighted.A.score, weighted.D.score]).toEqual([17.5, 9.5]);
    expect(scoreReference(config({ scoreWeights: null })).byName.A).toMatchObject({ cell: '5-5-5', score: null });
  });

  it("with monetary 'average' ranks spend per purchase instead of total spend", () => {
    /*
     * Net / purchases: A 100, B 118.75, C 66.67 (400/6), D 50, E 175, F 60, G 100, H 30, I 166.67, J 80.
     * Sorted: 30 50 60 66.67 80 100 100 118.75 166.67 175 -> cuts (ranks 2,4,6,8) [50, 400/6, 100, 118.75].
     *   A 100 = cut -> m 3 (was 5 on totals): 5-5-3 Loyal Customers, no longer Champions
     *   G 100 -> m 3 as well: the tie at ranks 6 and 7 straddles the cut and is not split
     *   E 175 -> m 5 (was 4): 3-3-5 still Need Attention;  C 400/6 = cut -> m 2;  J 80 -> m 3
     */
    const { model, byName } = scoreReference(config({ monetary: 'average' }));
    expect(model.cutPoints?.monetary).toEqual([50, 400 / 6, 100, 118.75]);
    expect(byName.A).toMatchObject({ monetary: 100, m: 3, cell: '5-5-3', segment: 'Loyal Customers', score: 13 });
    expect(byName.G).toMatchObject({ monetary: 100, m: 3, cell: '2-3-3' });
    expect(byName.E).toMatchObject({ monetary: 175, m: 5, cell: '3-3-5', segment: 'Need Attention' });
    expect([byName.C.m, byName.J.m, byName.D.m, byName.B.m, byName.I.m]).toEqual([2, 3, 1, 4, 5]);
  });

  it('re-scores one customer with the stored model (after a JSON round trip) exactly as the refresh did', () => {
    for (const cfg of [config(), config({ monetary: 'average' })]) {
      const { model, byName } = scoreReference(cfg);
      const stored = readRfmModel(JSON.parse(JSON.stringify(model)), cfg);
      for (const name of ['C', 'G']) {
        // C's average 400/6 is itself a cut point: the round trip must keep it exact.
        const [again] = inputsOf([population[name]], cfg);
        expect(scoreRfm(again, stored, cfg)).toEqual(byName[name]);
      }
    }
  });
});

describe('ties', () => {
  it('gives identical customers identical scores even when a quantile boundary falls inside the tie', () => {
    /*
     * [recency, frequency, monetary]: T1 2/5/500, T2 4/3/300, T3..T6 7/2/200 (four identical),
     * T7 15/1/100, T8 30/1/100, T9 30/1/60, T10 60/1/40. Ranks 2, 4, 6, 8 of each sorted column:
     *   recency   2 4 7 7 7 7 15 30 30 60          -> [4, 7, 7, 30]
     *   frequency 1 1 1 1 2 2 2 2 3 5              -> [1, 1, 2, 2]
     *   monetary  40 60 100 100 200 200 200 200 300 500 -> [60, 100, 200, 200]
     * The four 7/2/200 customers occupy ranks 3-6 (recency) and 5-8 (frequency, monetary), across
     * two or three quantile boundaries, yet each value sits in one bin:
     *   recency 7: above 4 only -> position 2 -> r 4;  frequency 2: above 1, 1 -> f 3;  monetary 200: above 60, 100 -> m 3.
     *   T8 and T9 share recency 30 across the rank-8 boundary: both above 4, 7, 7 -> r 2.
     * So score 3 of recency, scores 2 and 4 of frequency and score 4 of monetary stay empty.
     */
    const rows: [number, number, number][] = [[2, 5, 500], [4, 3, 300], [7, 2, 200], [7, 2, 200], [7, 2, 200], [7, 2, 200],
      [15, 1, 100], [30, 1, 100], [30, 1, 60], [60, 1, 40]];
    const inputs = rows.map(([recency, frequency, monetary]): RfmInputs => ({ recency, frequency, monetary }));
    const cfg = config();
    const model = fitRfm(RfmColumns.of(inputs), cfg);
    expect(model.cutPoints).toEqual({ recency: [4, 7, 7, 30], frequency: [1, 1, 2, 2], monetary: [60, 100, 200, 200] });
    const cells = inputs.map((x) => scoreRfm(x, model, cfg)).map((v) => `${v.cell} ${v.segment}`);
    expect(cells).toEqual([
      '5-5-5 Champions', '5-5-5 Champions',
      '4-3-3 Potential Loyalists', '4-3-3 Potential Loyalists', '4-3-3 Potential Loyalists', '4-3-3 Potential Loyalists',
      '2-1-2 Hibernating', '2-1-2 Hibernating', '2-1-1 Hibernating', '1-1-1 Lost',
    ]);
  });
});

describe('fixed thresholds', () => {
  const cfg = config({ thresholds: { recency: [7, 30, 90, 180], frequency: [1, 2, 4, 8], monetary: [50, 100, 250, 500] } });

  it('uses the thresholds whatever the population', () => {
    const model = fitRfm(RfmColumns.of([{ recency: 1000, frequency: 1, monetary: 1 }]), cfg);
    expect(model).toMatchObject({ source: 'thresholds', population: 1, cutPoints: cfg.thresholds });
  });

  it('puts a value equal to a threshold in the lower-value bin', () => {
    const model = fitRfm(RfmColumns.of([]), cfg);
    const score = (recency: number, frequency: number, monetary: number) => scoreRfm({ recency, frequency, monetary }, model, cfg);
    // recency 30 = 2nd threshold: above 7 only -> position 2 -> r 4; frequency 2: above 1 -> f 2; monetary 250: above 50, 100 -> m 3.
    expect(score(30, 2, 250)).toMatchObject({ cell: '4-2-3', segment: 'Potential Loyalists', score: 9 });
    // recency 0 -> r 5; frequency 9 and monetary 501 above every threshold -> 5.
    expect(score(0, 9, 501)).toMatchObject({ cell: '5-5-5', segment: 'Champions' });
    // recency 181 above every threshold -> r 1; frequency 1 and monetary 50 on the lowest threshold -> 1.
    expect(score(181, 1, 50)).toMatchObject({ cell: '1-1-1', segment: 'Lost', score: 3 });
  });
});

describe('three bins with custom rules', () => {
  it('cuts at terciles and names with the configured rules', () => {
    const cfg = config({
      bins: 3,
      segmentRules: [
        { name: 'Best', r: [3, 3], f: [2, 3] },
        { name: 'Slipping', r: [1, 2], f: [3, 3] },
        { name: 'Big Spender', r: [1, 3], f: [1, 3], m: [3, 3] },
        { name: 'Rest', r: [1, 3], f: [1, 3] },
      ],
    });
    /*
     * n = 6, 3 bins: ranks ceil(6/3) = 2 and ceil(12/3) = 4.
     *   recency 2 8 15 30 45 120 -> [8, 30];  frequency 1 1 2 3 4 6 -> [1, 3];  monetary 20 60 90 250 400 600 -> [60, 250]
     *   P1 2/6/600:  r 3, f 3, m 3           3-3-3 Best        9
     *   P2 8/3/90:   8 = cut -> r 3; 3 = cut -> f 2; m 2    3-2-2 Best  7
     *   P3 15/1/400: r 2, f 1, m 3           2-1-3 Big Spender 6
     *   P4 30/4/250: 30 = cut -> r 2; f 3; 250 = cut -> m 2 2-3-2 Slipping 7
     *   P5 45/2/60:  r 1, f 2, 60 = cut -> m 1  1-2-1 Rest     4
     *   P6 120/1/20: r 1, f 1, m 1           1-1-1 Rest        3
     */
    const rows: [number, number, number][] = [[2, 6, 600], [8, 3, 90], [15, 1, 400], [30, 4, 250], [45, 2, 60], [120, 1, 20]];
    const inputs = rows.map(([recency, frequency, monetary]): RfmInputs => ({ recency, frequency, monetary }));
    const model = fitRfm(RfmColumns.of(inputs), cfg);
    expect(model.cutPoints).toEqual({ recency: [8, 30], frequency: [1, 3], monetary: [60, 250] });
    expect(inputs.map((x) => scoreRfm(x, model, cfg)).map((v) => `${v.cell} ${v.segment} ${v.score}`)).toEqual([
      '3-3-3 Best 9', '3-2-2 Best 7', '2-1-3 Big Spender 6', '2-3-2 Slipping 7', '1-2-1 Rest 4', '1-1-1 Rest 3',
    ]);
  });
});

describe('stored models', () => {
  it('fits no cut points on a population without purchases, and refuses to score with them', () => {
    const model = fitRfm(RfmColumns.of([]), config());
    expect(model).toMatchObject({ source: 'quantiles', population: 0, cutPoints: null });
    expect(() => scoreRfm({ recency: 1, frequency: 1, monetary: 1 }, model, config())).toThrow(/without purchases/);
  });

  it('refuses a model fitted under other options, or a broken one', () => {
    const model = fitRfm(RfmColumns.of([{ recency: 1, frequency: 1, monetary: 1 }]), config());
    expect(() => readRfmModel(model, config({ monetary: 'average' }))).toThrow(/monetary=total .* monetary=average/);
    expect(() => readRfmModel({ ...model, cutPoints: { recency: [1], frequency: [1], monetary: [1] } }, config())).toThrow(/not valid/);
    expect(() => readRfmModel({ ...model, cutPoints: { recency: [3, 2, 1, 0], frequency: [1, 1, 1, 1], monetary: [1, 1, 1, 1] } }, config())).toThrow(/ascending/);
  });
});
