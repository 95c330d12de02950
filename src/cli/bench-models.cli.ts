import { SeededRandom } from '../seed/seeded-random';
import { benchRealisticPopulation } from './bench-realistic-population';
import type { BgNbdParams } from '../plugin-kit/btyd/bgnbd.model';
import { simulateBgNbdRepeatTimes, type Uniform } from '../plugin-kit/btyd/bgnbd-simulation';
import { BG_NBD } from '../plugin-kit/btyd/bgnbd.transactions';
import type { ParetoNbdParams } from '../plugin-kit/btyd/pareto-nbd.model';
import { simulateParetoNbdRepeatTimes } from '../plugin-kit/btyd/pareto-nbd-simulation';
import { PARETO_NBD } from '../plugin-kit/btyd/pareto-nbd.transactions';
import type { TransactionModel } from '../plugin-kit/btyd/transaction-model';
import { RfTupleAccumulator } from '../numerics/weighted-tuples';

// Benchmarks BG/NBD and Pareto/NBD on synthetic customers drawn from known processes:
//   npm run bench:models [-- 100000 1000000]   (or -- --customers 1000000)
// First purchases fall on whole days spread over 12 weeks; the calibration ends 52 weeks after
// the first of them; purchase days are integers (same-day purchases merge), so tuples collapse as
// real data does (more, see below). The merging loses the repeat purchases of the fastest buyers
// (about 1.7% for the BG/NBD truth below, 1.3% for the Pareto/NBD one), so at 1M customers some
// parameters come out a few percent off (many standard errors): the discretisation, not the fit
// (without merging, the same draws recover the truth within about 1 se).
// Those tuples collapse more than real ones (1M customers to ~155k): every size is then fitted
// again on a population whose first purchases span four years (bench-realistic-population.ts).

const ACQUISITION_DAYS = 84;
const OBSERVATION_DAYS = 364;
const PREDICT_WEEKS = 52;

/** A model under test: the process the customers are drawn from and the model fitted to them. */
interface Bench<P> {
  model: TransactionModel<P>;
  truth: P;
  /** Repeat-purchase times (weeks after the first purchase) of one customer observed for `observed` weeks. */
  simulate: (uniform: Uniform, observed: number) => number[];
}

const BG_NBD_TRUTH: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
/** CDNOW's published Pareto/NBD fit (weeks). */
const PARETO_NBD_TRUTH: ParetoNbdParams = { r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 };

const BG_NBD_BENCH: Bench<BgNbdParams> = {
  model: BG_NBD, truth: BG_NBD_TRUTH, simulate: (uniform, observed) => simulateBgNbdRepeatTimes(BG_NBD_TRUTH, uniform, observed),
};
const PARETO_NBD_BENCH: Bench<ParetoNbdParams> = {
  model: PARETO_NBD, truth: PARETO_NBD_TRUTH, simulate: (uniform, observed) => simulateParetoNbdRepeatTimes(PARETO_NBD_TRUTH, uniform, observed),
};

interface Population {
  x: Int32Array;
  txDays: Int32Array;
  TDays: Int32Array;
}

function generate(customers: number, seed: number, simulate: Bench<unknown>['simulate']): Population {
  const random = new SeededRandom(seed);
  const uniform = () => random.next();
  const population: Population = { x: new Int32Array(customers), txDays: new Int32Array(customers), TDays: new Int32Array(customers) };
  for (let i = 0; i < customers; i++) {
    const first = Math.floor(uniform() * ACQUISITION_DAYS);
    const T = OBSERVATION_DAYS - first;
    // The first purchase falls at a random time of its day; repeat purchases (in weeks after it)
    // are recorded by day, and purchases on one day are one transaction, as btydSummary counts them.
    const timeOfDay = uniform();
    const times = simulate(uniform, (T - timeOfDay) / 7);
    let x = 0;
    let lastDay = 0;
    for (const t of times) {
      const day = Math.floor(timeOfDay + t * 7);
      if (day > lastDay) {
        x += 1;
        lastDay = day;
      }
    }
    population.x[i] = x;
    population.txDays[i] = x === 0 ? 0 : lastDay;
    population.TDays[i] = T;
  }
  return population;
}

const ms = (since: number) => `${(performance.now() - since).toFixed(0)} ms`;

async function bench<P extends object>(customers: number, { model, truth, simulate }: Bench<P>): Promise<void> {
  const label = (text: string) => text.padEnd(18);
  console.log(`\n== ${model.name}, ${customers.toLocaleString('en-US')} customers ==`);
  let started = performance.now();
  const population = generate(customers, 20_240 + customers, simulate);
  console.log(`${label('generate')} ${ms(started)}`);

  started = performance.now();
  const accumulator = new RfTupleAccumulator();
  for (let i = 0; i < customers; i++) accumulator.add(population.x[i], population.txDays[i] / 7, population.TDays[i] / 7);
  const distinct = accumulator.size;
  console.log(`${label('collapse')} ${ms(started)}   distinct tuples ${distinct.toLocaleString('en-US')} (${((100 * distinct) / customers).toFixed(1)}%)`);

  started = performance.now();
  // On a worker thread, as in a refresh: the figure includes handing the tuples over.
  const fit = await model.fit(accumulator.packed());
  console.log(`${label(`fit ${model.name}`)} ${ms(started)}   iterations ${fit.iterations}, evaluations ${fit.evaluations}, LL ${fit.logLikelihood.toFixed(2)}`);
  const params = fit.params as Record<string, number>;
  const errors = fit.standardErrors as Record<string, number> | null;
  for (const [key, value] of Object.entries(truth as Record<string, number>)) {
    const se = errors ? errors[key] : Number.NaN;
    const z = (params[key] - value) / se;
    console.log(`  ${key.padEnd(6)} ${params[key].toFixed(4).padStart(8)} ± ${se.toFixed(4)}   truth ${value}   (${z >= 0 ? '+' : ''}${z.toFixed(2)} se)`);
  }

  started = performance.now();
  let expected = 0;
  let alive = 0;
  for (let i = 0; i < customers; i++) {
    const x = population.x[i];
    const tx = population.txDays[i] / 7;
    const T = population.TDays[i] / 7;
    expected += model.expectedTransactions(fit.params, x, tx, T, PREDICT_WEEKS);
    alive += model.pAlive(fit.params, x, tx, T);
  }
  console.log(`${label('score all')} ${ms(started)}   (E[X(${PREDICT_WEEKS} weeks)] + P(alive) per customer; mean E ${(expected / customers).toFixed(4)}, mean P(alive) ${(alive / customers).toFixed(4)})`);
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).filter((arg) => arg !== '--customers').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  for (const size of sizes.length ? sizes : [100_000, 1_000_000]) {
    await bench(size, BG_NBD_BENCH);
    await bench(size, PARETO_NBD_BENCH);
    benchRealisticPopulation(size);
  }
}

void main();
