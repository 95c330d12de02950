import {
  type ChurnValue, type ClvValue, definePlugin, HOST_API_VERSION, type MetricProvider, type MetricSubject,
  RelationshipKind, scoreEach, type ScoreOutcome,
} from '../../src/plugin-api';
import { type ContractSbgConfig, contractSbgConfigSchema } from './contract-sbg.config';
import { fitContractSbg } from './contract-sbg.fit';
import { readContractSbgModel } from './contract-sbg-model.schema';
import { contractChurn, contractClv, derlFunction } from './contract-sbg.model';

/** Scores each contractual subject on its own, so that one bad contract costs only its own value; null for the others. */
function each<V>(subjects: MetricSubject[], score: (s: MetricSubject) => V | null): ScoreOutcome<V>[] {
  return scoreEach(subjects, (s) => (s.customer.relationship === RelationshipKind.CONTRACTUAL ? score(s) : null), 'contract-sbg');
}

/** The core `clv` kind for contractual customers: money per period × DERL. */
const clvProvider: MetricProvider<ContractSbgConfig, 'clv'> = {
  kind: 'clv',
  relationships: ['CONTRACTUAL'],
  // The summary's net margin and revenue are enough for the money per period.
  requires: ['summary'],
  fit: fitContractSbg,
  score(subjects, model, ctx) {
    // A stale or broken model concerns every customer, so it throws instead of failing each one.
    const stored = readContractSbgModel(model, ctx.config);
    const derl = derlFunction(stored, ctx.config);
    return each<ClvValue>(subjects, (s) => contractClv(s, stored, ctx, derl));
  },
};

/** The core `churn` kind for contractual customers: observed once ended, else the chance of not renewing next. */
const churnProvider: MetricProvider<ContractSbgConfig, 'churn'> = {
  kind: 'churn',
  relationships: ['CONTRACTUAL'],
  requires: ['summary'],
  fit: fitContractSbg,
  score(subjects, model, ctx) {
    const stored = readContractSbgModel(model, ctx.config);
    return each<ChurnValue>(subjects, (s) => contractChurn(s, stored, ctx));
  },
};

/** Contractual customers: the shifted-beta-geometric model of renewals gives their CLV (DERL) and churn. */
export default definePlugin<ContractSbgConfig>({
  name: 'contract-sbg',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Contractual customers (sBG, Fader & Hardie): CLV = margin per period x discounted expected residual lifetime, '
    + 'churn = the probability of not renewing at the next renewal point (1 once the contract ended); retention curves per cohort.',
  configSchema: contractSbgConfigSchema,
  provides: [clvProvider, churnProvider],
});
