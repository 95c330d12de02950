import { SeededRandom } from '../seed/seeded-random';
import { type BgNbdParams, bgnbdExpectedTransactions, bgnbdPAlive, fitBgNbd } from '../models/btyd/bgnbd.model';
import { simulateBgNbdRepeatTimes } from '../models/btyd/bgnbd-simulation';
import { RfTupleAccumulator } from '../numerics/weighted-tuples';

// Benchmarks the BG/NBD on synthetic customers drawn from a known process:
//   npm run bench:models [-- 100000 1000000]
// First purchases fall on whole days spread over 12 weeks; the calibration ends 52 weeks after
// the first of them; purchase days are integers (same-day purchases merge), so tuples collapse as
// real data does. The merging loses about 1.7% of the repeat purchases, those of the fastest
// buyers, so at 1M customers r and α come out a few percent high (many standard errors): the
// discretisation, not the fit (without merging, the same draws recover the truth within 1 se).

const TRUTH: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const ACQUISITION_DAYS = 84;
const OBSERVATION_DAYS = 364;
const PREDICT_WEEKS = 52;

interface Population {
  x: Int32Array;
  txDays: Int32Array;
  TDays: Int32Array;
}

function generate(customers: number, seed: number): Population {
  const random = new SeededRandom(seed);
  const uniform = () => random.next();
  const population: Population = { x: new Int32Array(customers), txDays: new Int32Array(customers), TDays: new Int32Array(customers) };
  for (let i = 0; i < customers; i++) {
    const first = Math.floor(uniform() * ACQUISITION_DAYS);
    const T = OBSERVATION_DAYS - first;
    // The first purchase falls at a random time of its day; repeat purchases (in weeks after it)
    // are recorded by day, and purchases on one day are one transaction, as btydSummary counts them.
    const timeOfDay = uniform();
    const times = simulateBgNbdRepeatTimes(TRUTH, uniform, (T - timeOfDay) / 7);
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

function bench(customers: number): void {
  console.log(`\n== ${customers.toLocaleString('en-US')} customers ==`);
  let started = performance.now();
  const population = generate(customers, 20_240 + customers);
  console.log(`generate           ${ms(started)}`);

  started = performance.now();
  const accumulator = new RfTupleAccumulator();
  for (let i = 0; i < customers; i++) accumulator.add(population.x[i], population.txDays[i] / 7, population.TDays[i] / 7);
  const tuples = accumulator.tuples();
  console.log(`collapse           ${ms(started)}   distinct tuples ${tuples.length.toLocaleString('en-US')} (${((100 * tuples.length) / customers).toFixed(1)}%)`);

  started = performance.now();
  const fit = fitBgNbd(tuples);
  console.log(`fit BG/NBD         ${ms(started)}   iterations ${fit.iterations}, evaluations ${fit.evaluations}, LL ${fit.logLikelihood.toFixed(2)}`);
  for (const key of ['r', 'alpha', 'a', 'b'] as const) {
    const se = fit.standardErrors ? fit.standardErrors[key] : Number.NaN;
    const z = (fit.params[key] - TRUTH[key]) / se;
    console.log(`  ${key.padEnd(6)} ${fit.params[key].toFixed(4).padStart(8)} ± ${se.toFixed(4)}   truth ${TRUTH[key]}   (${z >= 0 ? '+' : ''}${z.toFixed(2)} se)`);
  }

  started = performance.now();
  let expected = 0;
  let alive = 0;
  for (let i = 0; i < customers; i++) {
    const x = population.x[i];
    const tx = population.txDays[i] / 7;
    const T = population.TDays[i] / 7;
    expected += bgnbdExpectedTransactions(fit.params, x, tx, T, PREDICT_WEEKS);
    alive += bgnbdPAlive(fit.params, x, tx, T);
  }
  console.log(`score all          ${ms(started)}   (E[X(${PREDICT_WEEKS} weeks)] + P(alive) per customer; mean E ${(expected / customers).toFixed(4)}, mean P(alive) ${(alive / customers).toFixed(4)})`);
}

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
for (const size of sizes.length ? sizes : [100_000, 1_000_000]) bench(size);
