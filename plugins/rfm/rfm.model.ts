import { DAY_MS, InteractionType, type MetricInteraction, type MetricSubject, type RfmValue, roundMoney } from '../../src/plugin-api';
import type { RfmConfig } from './rfm.config';
import { binOf, quantileCutPoints } from './rfm-cut-points';
import type { RfmCutPoints, RfmModel } from './rfm-model.schema';
import { BUILT_IN_SEGMENT_RULES, segmentFor } from './rfm-segments';

const DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;

/** The three raw RFM numbers of one customer with purchases. */
export interface RfmInputs {
  /** Whole days (completed 24-hour periods, rounded down) from the last purchase to asOf. */
  recency: number;
  /** PURCHASE interactions (in the window, when one is set). */
  frequency: number;
  /** Net spend in the base currency (purchases minus refunds), total or per purchase. */
  monetary: number;
}

/**
 * The RFM inputs of a population, one column per dimension: plain number arrays hold their
 * numbers unboxed (24 bytes a customer, about a third of an object each), which matters at
 * millions of customers.
 */
export class RfmColumns {
  constructor(
    readonly recency: number[] = [],
    readonly frequency: number[] = [],
    readonly monetary: number[] = [],
  ) {}

  static of(inputs: Iterable<RfmInputs>): RfmColumns {
    const columns = new RfmColumns();
    for (const x of inputs) columns.push(x);
    return columns;
  }

  push(x: RfmInputs): void {
    this.recency.push(x.recency);
    this.frequency.push(x.frequency);
    this.monetary.push(x.monetary);
  }

  get length(): number {
    return this.recency.length;
  }

  /** The i-th customer's inputs. */
  at(i: number): RfmInputs {
    return { recency: this.recency[i], frequency: this.frequency[i], monetary: this.monetary[i] };
  }

  /** The columns as typed arrays, the form in which they cross to a worker thread. */
  packed(): { recency: Float64Array; frequency: Float64Array; monetary: Float64Array } {
    return { recency: Float64Array.from(this.recency), frequency: Float64Array.from(this.frequency), monetary: Float64Array.from(this.monetary) };
  }

  static fromPacked(packed: { recency: Float64Array; frequency: Float64Array; monetary: Float64Array }): RfmColumns {
    return new RfmColumns(Array.from(packed.recency), Array.from(packed.frequency), Array.from(packed.monetary));
  }
}

interface PurchaseTotals {
  purchases: number;
  net: number;
  lastPurchaseAt: Date;
}

function totalsFromSummary(subject: MetricSubject): PurchaseTotals | null {
  const { purchaseCount, revenue, lastPurchaseAt } = subject.summary;
  if (purchaseCount === 0 || lastPurchaseAt === null) return null;
  return { purchases: purchaseCount, net: revenue, lastPurchaseAt };
}

function totalsInWindow(interactions: readonly MetricInteraction[], asOf: Date, windowDays: number): PurchaseTotals | null {
  const from = asOf.getTime() - windowDays * DAY_MS;
  const to = asOf.getTime();
  let purchases = 0;
  let net = 0;
  let last: Date | null = null;
  for (const interaction of interactions) {
    const at = interaction.occurredAt.getTime();
    if (at <= from || at > to) continue;
    if (interaction.type === InteractionType.PURCHASE) {
      purchases++;
      if (last === null || at > last.getTime()) last = interaction.occurredAt;
      // Null amounts (no money, or another currency) still count as purchases, but add nothing.
      net += interaction.amount ?? 0;
    } else if (interaction.type === InteractionType.REFUND) {
      net -= interaction.amount ?? 0;
    }
  }
  return last === null ? null : { purchases, net: roundMoney(net), lastPurchaseAt: last };
}

/**
 * A customer's recency, frequency and monetary value at `asOf`, or null when it has no purchase
 * (in the window, when `windowDays` is set). Without a window they come from the summary; with
 * one from the interactions in (asOf - windowDays, asOf]. Throws when a window is set and the
 * host passed no interactions.
 */
export function rfmInputs(subject: MetricSubject, asOf: Date, config: RfmConfig): RfmInputs | null {
  let totals: PurchaseTotals | null;
  if (config.windowDays === null) {
    totals = totalsFromSummary(subject);
  } else {
    if (!subject.interactions) throw new Error('rfm: windowDays is set but the host passed no interactions');
    totals = totalsInWindow(subject.interactions, asOf, config.windowDays);
  }
  if (totals === null) return null;
  return {
    recency: Math.max(0, Math.floor((asOf.getTime() - totals.lastPurchaseAt.getTime()) / DAY_MS)),
    frequency: totals.purchases,
    monetary: config.monetary === 'average' ? totals.net / totals.purchases : totals.net,
  };
}

/**
 * Fits the model: the configured thresholds when set, otherwise the quantile cut points (see
 * `quantileCutPoints`) of each dimension over `inputs`, the customers with purchases. Keeps
 * only three sorted columns of numbers while it works.
 */
export function fitRfm(inputs: RfmColumns, config: RfmConfig): RfmModel {
  const base = { bins: config.bins, monetary: config.monetary, windowDays: config.windowDays, population: inputs.length };
  if (config.thresholds) {
    const { recency, frequency, monetary } = config.thresholds;
    return { ...base, source: 'thresholds', cutPoints: { recency: [...recency], frequency: [...frequency], monetary: [...monetary] } };
  }
  if (inputs.length === 0) return { ...base, source: 'quantiles', cutPoints: null };
  const column = (dimension: (typeof DIMENSIONS)[number]): number[] =>
    quantileCutPoints(Float64Array.from(inputs[dimension]).sort(), config.bins);
  const cutPoints: RfmCutPoints = { recency: column('recency'), frequency: column('frequency'), monetary: column('monetary') };
  return { ...base, source: 'quantiles', cutPoints };
}

/**
 * Scores one customer with a fitted model. Each score is a pure function of the value and the
 * cut points (see `binOf`: a value equal to a cut point goes to the bin of smaller values), so
 * equal inputs always get equal scores. Frequency and monetary: higher is better; recency:
 * smaller is better, so its bin order is reversed (the most recent get `bins`). The model must
 * match the configuration (see `readRfmModel`). Throws when the model has no cut points.
 */
export function scoreRfm(inputs: RfmInputs, model: RfmModel, config: RfmConfig): RfmValue {
  const cuts = model.cutPoints;
  if (cuts === null) throw new Error('rfm: the model was fitted on a population without purchases; refresh the rfm metric');
  const r = model.bins + 1 - binOf(inputs.recency, cuts.recency);
  const f = binOf(inputs.frequency, cuts.frequency);
  const m = binOf(inputs.monetary, cuts.monetary);
  const cell = `${r}-${f}-${m}`;
  const segment = segmentFor(r, f, m, config.segmentRules ?? BUILT_IN_SEGMENT_RULES);
  // Unreachable with a validated configuration: its rules cover every cell.
  if (segment === null) throw new Error(`rfm: no segment rule matches cell ${cell}`);
  const w = config.scoreWeights;
  const score = w ? w.r * r + w.f * f + w.m * m : null;
  return { recency: inputs.recency, frequency: inputs.frequency, monetary: inputs.monetary, r, f, m, cell, segment, score };
}
