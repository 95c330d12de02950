import type { ChurnValue, MetricProvider, MetricSubject, ScoreOutcome } from '../../plugin-api/plugin.contract';
import { BtydClvPopulation, readBtydClvModel, scoreBtydClv } from './btyd-clv';
import type { BtydChurnConfig, BtydClvConfig } from './btyd-plugin.config';
import { BtydPopulation, readStoredTransactionModel } from './btyd-population';
import { type BtydSummary, btydSummary, type TimeUnit } from './btyd-summary';
import type { TransactionModel } from './transaction-model';

// The churn and CLV providers of a BTYD plugin, for any transaction model: each plugin is then
// its name, description and model.

/** What the BTYD providers read: each customer's summary (its purchase days), for non-contractual customers only. */
const SUBJECTS: Pick<MetricProvider<unknown>, 'requires' | 'relationships'> = { requires: ['summary'], relationships: ['NON_CONTRACTUAL'] };

/**
 * Streams the population into `target`, one BTYD summary per customer with a purchase, and returns
 * it: only what the target keeps (distinct tuples, sums), never the subjects.
 */
async function collect<T extends { add: (summary: BtydSummary) => void }>(
  population: AsyncIterable<MetricSubject[]>, ctx: { asOf: Date; config: { timeUnit: TimeUnit } }, target: T,
): Promise<T> {
  for await (const batch of population) {
    for (const s of batch) {
      const summary = btydSummary(s.summary, ctx.asOf, ctx.config.timeUnit);
      if (summary) target.add(summary);
    }
  }
  return target;
}

/**
 * Scores each subject from its BTYD summary in the unit the model was fitted in (not today's
 * option: the rate parameters are in that unit); null without a purchase.
 */
function scoreAll<V>(subjects: MetricSubject[], asOf: Date, unit: TimeUnit, score: (summary: BtydSummary) => ScoreOutcome<V>): ScoreOutcome<V>[] {
  return subjects.map((s): ScoreOutcome<V> => {
    const summary = btydSummary(s.summary, asOf, unit);
    return summary ? score(summary) : null;
  });
}

/** The core `churn` kind for non-contractual customers: 1 - P(alive) under `model` fitted on the population. */
export function btydChurnProvider<P>(model: TransactionModel<P>, plugin: string): MetricProvider<BtydChurnConfig, 'churn'> {
  return {
    kind: 'churn',
    ...SUBJECTS,
    async fit(population, ctx) {
      const { params, diagnostics } = await (await collect(population, ctx, new BtydPopulation(model))).fit(ctx.config.minRepeatBuyers, ctx.signal);
      ctx.log(`${plugin}: ${model.name} fitted`, { ...params, customers: diagnostics.customers, fitMs: diagnostics.fitMs });
      return { model: { params, unit: ctx.config.timeUnit }, diagnostics };
    },
    score(subjects, stored, ctx) {
      const { params, unit } = readStoredTransactionModel(stored, model, plugin);
      return scoreAll(subjects, ctx.asOf, unit, (summary): ChurnValue => {
        const pAlive = model.pAlive(params, summary.x, summary.tx, summary.T);
        return { probability: 1 - pAlive, pAlive, reason: null };
      });
    },
  };
}

/** The core `clv` kind for non-contractual customers: `model` transactions × Gamma-Gamma spend × margin. */
export function btydClvProvider<P>(model: TransactionModel<P>, plugin: string): MetricProvider<BtydClvConfig, 'clv'> {
  return {
    kind: 'clv',
    ...SUBJECTS,
    async fit(population, ctx) {
      const fitted = await (await collect(population, ctx, new BtydClvPopulation(model))).fit(ctx.config, ctx.signal);
      const { model: stored, diagnostics } = fitted;
      ctx.log(`${plugin}: ${model.name} and Gamma-Gamma fitted`, { ...stored.params, ...stored.spend, customers: diagnostics.customers, fitMs: diagnostics.fitMs });
      return fitted;
    },
    score(subjects, stored, ctx) {
      const clv = readBtydClvModel(stored, model, plugin);
      return scoreAll(subjects, ctx.asOf, clv.unit, (summary) => scoreBtydClv(summary, clv, model, ctx, plugin));
    },
  };
}
