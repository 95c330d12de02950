import { definePlugin, HOST_API_VERSION, type MetricProvider, scoreEach } from '../../src/plugin-api';
import { type ClvFormulaConfig, clvFormulaConfigSchema } from './clv-formula.config';
import { readClvFormulaModel } from './clv-formula-model.schema';
import { addToTotals, clvFormulaDiagnostics, emptyTotals, fitClvFormula, scoreClvFormula } from './clv-formula.model';

/** The core `clv` kind: LTV = T x AOV x AGM x ALT. */
const provider: MetricProvider<ClvFormulaConfig, 'clv'> = {
  kind: 'clv',
  requires: ['summary'],

  async fit(population, ctx) {
    // Sums and counts only: memory stays flat however large the population.
    const totals = emptyTotals();
    for await (const batch of population) for (const s of batch) addToTotals(totals, s, ctx.asOf, ctx.config);
    const model = fitClvFormula(totals, ctx.config);
    if (model.transactionsPerMonth === null) ctx.log('clv-formula: no customer has a purchase before asOf to rate purchases by; customers without a rate of their own cannot be scored');
    if (model.averageOrderValue === null) ctx.log('clv-formula: no customer has enough history for its own order value; customers without one cannot be scored');
    if (model.lifetimeMonths === null && ctx.config.lifetimeMonths === null) {
      ctx.log('clv-formula: nobody has been lost yet, so the lifetime cannot be estimated; set lifetimeMonths');
    }
    return { model, diagnostics: clvFormulaDiagnostics(totals) };
  },

  score(subjects, model, ctx) {
    // A stale model concerns everyone, so it throws; a missing population input fails each customer that needs it.
    const stored = readClvFormulaModel(model, ctx.config);
    return scoreEach(subjects, (s) => scoreClvFormula(s, stored, ctx.config, ctx));
  },
};

/** The simple predictive CLV of DOMAIN §5, with each input's source. */
export default definePlugin<ClvFormulaConfig>({
  name: 'clv-formula',
  version: '1.1.0',
  apiVersion: HOST_API_VERSION,
  description:
    'LTV = T x AOV x AGM x ALT: purchases per month, net order value, margin ratio and average lifetime in months, '
    + "each the customer's own where its history is long enough, else the population's.",
  configSchema: clvFormulaConfigSchema,
  provides: [provider],
});
