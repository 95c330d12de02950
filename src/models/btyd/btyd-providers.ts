import type { ChurnValue, ClvValue, MetricProvider, MetricSubject, ScoreOutcome } from '../../metrics/plugin.contract';
import { BtydClvPopulation, readBtydClvModel, scoreBtydClv } from './btyd-clv';
import type { BtydChurnConfig, BtydClvConfig } from './btyd-plugin.config';
import { BtydPopulation, readStoredTransactionModel } from './btyd-population';
import { type BtydSummary, btydSummary, type TimeUnit } from './btyd-summary';
import type { TransactionModel } from './transaction-model';

// The churn and CLV providers of a BTYD plugin, for any transaction model: each plugin is then
// its name, description and model.

/** Streams the population into `add`, one BTYD summary per customer with a purchase. */
async function addAll(population: AsyncIterable<MetricSubject[]>, asOf: Date, unit: TimeUnit, add: (summary: BtydSummary) => void): Promise<void> {
  for await (const batch of population) {
    for (const s of batch) {
      const summary = btydSummary(s.interactions ?? [], asOf, unit);
      if (summary) add(summary);
    }
  }
}

/**
 * Scores each subject from its BTYD summary in the unit the model was fitted in (not today's
 * option: the rate parameters are in that unit); null without a purchase.
 */
function scoreAll<V>(subjects: MetricSubject[], asOf: Date, unit: TimeUnit, plugin: string, score: (summary: BtydSummary) => ScoreOutcome<V>): ScoreOutcome<V>[] {
  return subjects.map((s): ScoreOutcome<V> => {
    if (!s.interactions) return { error: `${plugin}: the host passed no interactions` };
    const summary = btydSummary(s.interactions, asOf, unit);
    return summary ? score(summary) : null;
  });
}

/** The core `churn` kind for non-contractual customers: 1 - P(alive) under `model` fitted on the population. */
export function btydChurnProvider<P>(model: TransactionModel<P>, plugin: string): MetricProvider<BtydChurnConfig, 'churn'> {
  return {
    kind: 'churn',
    requires: ['interactions'],
    relationships: ['NON_CONTRACTUAL'],

    async fit(population, ctx) {
      // Only distinct (x, t_x, T) tuples are kept, never the subjects.
      const customers = new BtydPopulation(model);
      await addAll(population, ctx.asOf, ctx.config.timeUnit, (summary) => customers.add(summary));
      const { params, diagnostics } = customers.fit(ctx.config.minRepeatBuyers);
      ctx.log(`${plugin}: ${model.name} fitted`, { ...params, customers: diagnostics.customers, fitMs: diagnostics.fitMs });
      return { model: { params, unit: ctx.config.timeUnit }, diagnostics };
    },

    score(subjects, stored, ctx) {
      const { params, unit } = readStoredTransactionModel(stored, model, plugin);
      return scoreAll(subjects, ctx.asOf, unit, plugin, (summary): ChurnValue => {
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
    requires: ['interactions'],
    relationships: ['NON_CONTRACTUAL'],

    async fit(population, ctx) {
      // Distinct tuples, (x, zbar) pairs and sums only, never the subjects.
      const customers = new BtydClvPopulation(model);
      await addAll(population, ctx.asOf, ctx.config.timeUnit, (summary) => customers.add(summary));
      const fitted = customers.fit(ctx.config);
      ctx.log(`${plugin}: ${model.name} and Gamma-Gamma fitted`, {
        ...fitted.model.params, ...fitted.model.spend, customers: fitted.diagnostics.customers, fitMs: fitted.diagnostics.fitMs,
      });
      return fitted;
    },

    score(subjects, stored, ctx) {
      const clv = readBtydClvModel(stored, model, plugin);
      return scoreAll(subjects, ctx.asOf, clv.unit, plugin, (summary): ScoreOutcome<ClvValue> => scoreBtydClv(summary, clv, model, ctx, plugin));
    },
  };
}
