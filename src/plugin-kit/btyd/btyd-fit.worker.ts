import { unpackRfTuples } from '../../numerics/weighted-tuples';
import { weightedCorrelation } from '../../numerics/weighted-correlation';
import { fitBgNbd } from './bgnbd.model';
import { fitGammaGamma } from './gamma-gamma.model';
import { unpackGammaGammaRows } from './gamma-gamma-rows';
import { fitOutcome } from './model-fit-error';
import { fitParetoNbd } from './pareto-nbd.model';

// The BTYD fits as worker-thread tasks (see btyd-fit.tasks.ts): each takes its packed rows and
// answers with its fit or its failure as data.

export const bgnbd = (tuples: Float64Array) => fitOutcome(() => fitBgNbd(unpackRfTuples(tuples)));

export const paretoNbd = (tuples: Float64Array) => fitOutcome(() => fitParetoNbd(unpackRfTuples(tuples)));

/** The Gamma-Gamma fit, and the weighted correlation of x and zbar that the model assumes is nil. */
export const gammaGamma = (packed: Float64Array) => fitOutcome(() => {
  const rows = unpackGammaGammaRows(packed);
  const fit = fitGammaGamma(rows);
  return { ...fit, spendFrequencyCorrelation: weightedCorrelation(rows.map((row) => ({ a: row.x, b: row.zbar, weight: row.weight }))) };
});
