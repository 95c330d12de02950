import { type BgNbdParams, fitBgNbd } from '../plugin-kit/btyd/bgnbd.model';
import { gammaVariate, simulateBgNbdRepeatTimes, type Uniform } from '../plugin-kit/btyd/bgnbd-simulation';
import { fitGammaGamma, type GammaGammaParams } from '../plugin-kit/btyd/gamma-gamma.model';
import { GammaGammaRowAccumulator } from '../plugin-kit/btyd/gamma-gamma-rows';
import { ModelFitError } from '../plugin-kit/btyd/model-fit-error';
import { fitParetoNbd, type ParetoNbdParams } from '../plugin-kit/btyd/pareto-nbd.model';
import { simulateParetoNbdRepeatTimes } from '../plugin-kit/btyd/pareto-nbd-simulation';
import { type RfTuple, RfTupleAccumulator } from '../numerics/weighted-tuples';
import { SeededRandom } from '../seed/seeded-random';

// The part of bench:models whose tuples do not collapse: first purchases on any day of four years
// (so T takes 1,461 values, not 84), observed until 365 days after the last of them, purchase days
// whole days, in the time unit 'day'. At 1M customers that is about half a million distinct
// (x, t_x, T) tuples and |ln L| ≈ 1.7e7, the size at which the former absolute stopping rule
// (1e-9 on the predicted gain) could stall at the rounding of ln L. Prints, for BG/NBD,
// Gamma-Gamma and Pareto/NBD: fit time, iterations, convergence and the estimates against the
// truth they were drawn from (same-day merging biases r and α by a few percent, as above).

const ACQUISITION_DAYS = 1461;
const OBSERVED_AFTER_LAST_DAYS = 365;
/** bench:models' BG/NBD truth, in days. */
const BG_NBD_DAYS: BgNbdParams = { r: 0.25, alpha: 28, a: 0.8, b: 2.5 };
/** CDNOW's Pareto/NBD, in days. */
const PARETO_NBD_DAYS: ParetoNbdParams = { r: 0.55, alpha: 74.2, s: 0.6, beta: 81.9 };
/** CDNOW's Gamma-Gamma (dollars): each repeat buyer's mean spend, in cents. */
const GAMMA_GAMMA: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

interface Drawn {
  tuples: RfTuple[];
  spend: GammaGammaRowAccumulator;
}

/** `customers` drawn from `draw` (repeat times in days), their tuples and the repeat buyers' mean spend. */
function drawPopulation(customers: number, seed: number, draw: (uniform: Uniform, observed: number) => number[]): Drawn {
  const random = new SeededRandom(seed);
  const uniform = () => random.next();
  const tuples = new RfTupleAccumulator();
  const spend = new GammaGammaRowAccumulator();
  for (let i = 0; i < customers; i++) {
    const T = ACQUISITION_DAYS + OBSERVED_AFTER_LAST_DAYS - Math.floor(uniform() * ACQUISITION_DAYS);
    const timeOfDay = uniform();
    let x = 0;
    let lastDay = 0;
    for (const t of draw(uniform, T - timeOfDay)) {
      const day = Math.floor(timeOfDay + t);
      if (day > lastDay) {
        x += 1;
        lastDay = day;
      }
    }
    tuples.add(x, lastDay, T);
    if (x > 0) {
      // Gamma-Gamma: ν ~ Gamma(q, γ), and the sum of x values ~ Gamma(p·x, ν).
      const nu = gammaVariate(uniform, GAMMA_GAMMA.q) / GAMMA_GAMMA.gamma;
      spend.add(x, Math.round((100 * gammaVariate(uniform, GAMMA_GAMMA.p * x)) / (nu * x)) / 100);
    }
  }
  return { tuples: tuples.tuples(), spend };
}

interface Fitted<P> {
  params: P;
  standardErrors: P | null;
  iterations: number;
  evaluations: number;
  logLikelihood: number;
}

/** Times `fit` and prints its report, or the ModelFitError's reason. */
function report<P extends object>(name: string, rows: number, truth: P, fit: () => Fitted<P>): void {
  const started = performance.now();
  try {
    const fitted = fit();
    const ms = (performance.now() - started).toFixed(0);
    console.log(`fit ${name.padEnd(12)} ${ms.padStart(6)} ms   ${rows.toLocaleString('en-US')} rows, iterations ${fitted.iterations}, evaluations ${fitted.evaluations}, converged true, LL ${fitted.logLikelihood.toFixed(2)}`);
    const params = fitted.params as Record<string, number>;
    const errors = fitted.standardErrors as Record<string, number> | null;
    for (const [key, value] of Object.entries(truth as Record<string, number>)) {
      const se = errors ? errors[key] : Number.NaN;
      console.log(`  ${key.padEnd(6)} ${params[key].toFixed(4).padStart(9)} ± ${se.toFixed(4)}   truth ${value}   (${((params[key] - value) / se).toFixed(2)} se)`);
    }
  } catch (error) {
    if (!(error instanceof ModelFitError)) throw error;
    console.log(`fit ${name.padEnd(12)} ${(performance.now() - started).toFixed(0).padStart(6)} ms   converged false: ${error.message}`);
  }
}

/** Draws `customers` from a BG/NBD and from a Pareto/NBD process and fits BG/NBD, Gamma-Gamma and Pareto/NBD. */
export function benchRealisticPopulation(customers: number): void {
  console.log(`\n== realistic tuples (acquisition over ${ACQUISITION_DAYS} days, unit day), ${customers.toLocaleString('en-US')} customers ==`);
  let started = performance.now();
  const bgnbd = drawPopulation(customers, 31_000 + customers, (uniform, observed) => simulateBgNbdRepeatTimes(BG_NBD_DAYS, uniform, observed));
  const spendRows = bgnbd.spend.rows();
  console.log(`draw BG/NBD + spend ${(performance.now() - started).toFixed(0)} ms   distinct tuples ${bgnbd.tuples.length.toLocaleString('en-US')} (${((100 * bgnbd.tuples.length) / customers).toFixed(1)}%)`);
  report('BG/NBD', bgnbd.tuples.length, BG_NBD_DAYS, () => fitBgNbd(bgnbd.tuples));
  report('Gamma-Gamma', spendRows.length, GAMMA_GAMMA, () => fitGammaGamma(spendRows));
  started = performance.now();
  const pareto = drawPopulation(customers, 32_000 + customers, (uniform, observed) => simulateParetoNbdRepeatTimes(PARETO_NBD_DAYS, uniform, observed));
  console.log(`draw Pareto/NBD   ${(performance.now() - started).toFixed(0)} ms   distinct tuples ${pareto.tuples.length.toLocaleString('en-US')} (${((100 * pareto.tuples.length) / customers).toFixed(1)}%)`);
  report('Pareto/NBD', pareto.tuples.length, PARETO_NBD_DAYS, () => fitParetoNbd(pareto.tuples));
}
