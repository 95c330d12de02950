import { besideModule, definePlugin, HOST_API_VERSION, type MetricProvider, offThreadTask, runOffThread, scoreEach } from '../../src/plugin-api';
import { type RfmConfig, rfmConfigSchema } from './rfm.config';
import { readRfmModel } from './rfm-model.schema';
import { RfmColumns, rfmInputs, scoreRfm } from './rfm.model';

/** The fit, on a worker thread: it sorts the whole population's columns. */
const FIT = offThreadTask<typeof import('./rfm-fit.worker').fit>(besideModule(__filename, 'rfm-fit.worker'), 'fit');

/** Fills the core `rfm` kind: recency, frequency and monetary scores, their cell, segment and weighted score. */
const rfmProvider: MetricProvider<RfmConfig, 'rfm'> = {
  kind: 'rfm',
  // Windowed RFM has to look at each purchase's date; the summary only has all-time totals.
  requires: (config) => (config.windowDays ? ['summary', 'interactions'] : ['summary']),

  async fit(population, ctx) {
    // Only the three numbers of each customer with purchases are kept, never the subjects.
    const inputs = new RfmColumns();
    let customers = 0;
    for await (const batch of population) {
      for (const subject of batch) {
        customers++;
        const x = rfmInputs(subject, ctx.asOf, ctx.config);
        if (x) inputs.push(x);
      }
    }
    const columns = inputs.packed();
    const { model, diagnostics } = await runOffThread(FIT, { columns, customers, config: ctx.config }, {
      signal: ctx.signal, transfer: [columns.recency.buffer, columns.frequency.buffer, columns.monetary.buffer],
    });
    if (model.cutPoints === null) ctx.log('rfm: no customer has a purchase; nobody can be scored until a refresh finds some');
    return { model, diagnostics };
  },

  // R and F bin two summary figures by the fitted cut points, unless they count a window only.
  scoreBins(model, config) {
    const stored = readRfmModel(model, config);
    if (stored.windowDays !== null || !stored.cutPoints) return null;
    return {
      r: { figure: 'daysSinceLastPurchase', cutPoints: stored.cutPoints.recency, descending: true },
      f: { figure: 'purchaseCount', cutPoints: stored.cutPoints.frequency, descending: false },
    };
  },

  score(subjects, model, ctx) {
    // A stale or broken model concerns every customer, so it throws instead of failing each one.
    const stored = readRfmModel(model, ctx.config);
    return scoreEach(subjects, (subject) => {
      const x = rfmInputs(subject, ctx.asOf, ctx.config);
      return x ? scoreRfm(x, stored, ctx.config) : null;
    });
  },
};

/** The RFM plugin: scores customers on recency, frequency and monetary value and names their segment. */
export default definePlugin<RfmConfig>({
  name: 'rfm',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Recency, frequency and monetary value scored 1..bins on population quantiles (or fixed thresholds), '
    + 'the r-f-m cell, a named segment (Champions, At Risk, ...) and a weighted relationship score.',
  configSchema: rfmConfigSchema,
  segments: { metricKey: 'rfm', description: 'The named RFM segment of each customer with purchases.' },
  provides: [rfmProvider],
});
