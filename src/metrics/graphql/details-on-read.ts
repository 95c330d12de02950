import type { Customer } from '../../customers/customer.entity';
import { deriveSummary } from '../../summaries/derive-summary';
import type { SummaryRecord } from '../../summaries/summary-record';
import type { LoadedPlugin } from '../host/metrics-setup';
import { readsOf, requirementsOf } from '../host/plugin-needs';
import type { FittedModel, MetricProvider, MetricSubject, ScoreOutcome } from '../../plugin-api/plugin.contract';
import { modelFromParams } from '../host/provider-key';
import { scoreBatch } from '../engine/score-batch';

// Fit once, score many: a core kind's headline (value and label) is stored for sorting, filtering
// and segments, but its details (CLV inputs, expected purchases, P(alive), RFM scores...) are
// scored again when read, from the run's stored model and the customer's stored summary. Scoring
// one customer takes microseconds; storing the details as JSON doubled the cost of every row written.

/**
 * Whether a stored value may leave its details to be scored on read: the provider needs nothing
 * but the summary, and the summary it scored from is the stored one (a refresh as of now, or a
 * re-scoring after ingest). Otherwise (interactions, links, other metrics, a past asOf) the details
 * are stored with the value.
 */
export function detailsOnRead(p: MetricProvider<unknown>, config: unknown, fromStoredSummaries: boolean): boolean {
  const requires = requirementsOf(p, config);
  return fromStoredSummaries && p.kind !== 'metrics' && requires.every((r) => r === 'summary') && readsOf(p, config).length === 0;
}

/**
 * Scores one customer's core kind again, as of its stored value's observation end, with the model
 * of the run that stored it: the same inputs, so the same answer (and the same headline).
 */
export function scoreOnRead(
  lp: LoadedPlugin, kind: string, c: Customer, record: SummaryRecord, params: FittedModel | null, asOf: Date, currency: string,
): ScoreOutcome<unknown> {
  const provider = lp.plugin.provides.find((p) => p.kind === kind);
  if (!provider) return { error: `plugin "${lp.plugin.name}" no longer provides ${kind}` };
  const subject: MetricSubject = {
    customer: {
      id: c.id, externalId: c.externalId, party: c.party, relationship: c.relationship, channelRole: c.channelRole, origin: c.origin,
      acquiredAt: c.acquiredAt, contractStartedAt: c.contractStartedAt, contractEndedAt: c.contractEndedAt, churnReason: c.churnReason, traits: c.traits,
    },
    summary: deriveSummary(record, currency, asOf),
  };
  const model = modelFromParams(lp.plugin.provides, provider, params);
  const ctx = { config: lp.config, asOf, currency, log: () => undefined };
  return scoreBatch(provider, [subject], model, ctx)[0];
}
