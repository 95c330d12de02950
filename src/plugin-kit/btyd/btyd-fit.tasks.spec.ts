import { afterAll, describe, expect, it } from 'vitest';
import { closeOffThread } from '../../compute/off-thread';
import { RfTupleAccumulator } from '../../numerics/weighted-tuples';
import { cdnowPublishedSummary } from '../testing/cdnow.fixture';
import { fitBgNbd } from './bgnbd.model';
import { BGNBD_FIT, fitOffThread, GAMMA_GAMMA_FIT, PARETO_NBD_FIT } from './btyd-fit.tasks';
import { GammaGammaRowAccumulator } from './gamma-gamma-rows';
import { ModelFitError } from './model-fit-error';

afterAll(() => closeOffThread());

function cdnowTuples(): RfTupleAccumulator {
  const tuples = new RfTupleAccumulator();
  for (const row of cdnowPublishedSummary()) tuples.add(row.x, row.tx, row.T);
  return tuples;
}

/** `n` distinct tuples (continuous T), from a fixed linear congruential sequence: a Pareto/NBD fit of about a second. */
function largePacked(n: number): Float64Array {
  let state = 12_345;
  const uniform = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const tuples = new RfTupleAccumulator();
  for (let i = 0; i < n; i++) {
    const T = 10 + 70 * uniform();
    const x = Math.floor(8 * uniform() ** 3);
    tuples.add(x, x ? T * uniform() : 0, T);
  }
  return tuples.packed();
}

describe('BTYD fits on a worker thread', () => {
  it('give the published CDNOW BG/NBD fit, exactly as the same fit on this thread', async () => {
    const tuples = cdnowTuples();
    const here = fitBgNbd(tuples.tuples());
    const packed = tuples.packed();
    const there = await fitOffThread(BGNBD_FIT, packed);
    // Fader, Hardie & Lee (2005), "Counting your customers the easy way": r 0.243, α 4.414, a 0.793, b 2.426.
    expect(there.params.r).toBeCloseTo(0.243, 3);
    expect(there.params.alpha).toBeCloseTo(4.414, 2);
    expect(there.params.a).toBeCloseTo(0.793, 3);
    expect(there.params.b).toBeCloseTo(2.426, 2);
    expect(there).toEqual(here);
    // Handed over, not copied.
    expect(packed.length).toBe(0);
  });

  it('report a fit failure as a ModelFitError naming the model and the reason', async () => {
    const noRepeat = new RfTupleAccumulator();
    noRepeat.add(0, 0, 30);
    noRepeat.add(0, 0, 40);
    const failure = await fitOffThread(PARETO_NBD_FIT, noRepeat.packed()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ModelFitError);
    expect(failure).toMatchObject({ model: 'Pareto/NBD', reason: expect.stringMatching(/no customer has a repeat purchase/) });
    const noSpend = await fitOffThread(GAMMA_GAMMA_FIT, new GammaGammaRowAccumulator().packed()).catch((e: unknown) => e);
    expect(noSpend).toBeInstanceOf(ModelFitError);
    expect((noSpend as ModelFitError).model).toBe('Gamma-Gamma');
  });

  it('leave the event loop turning while the optimiser runs', async () => {
    const packed = largePacked(150_000);
    await fitOffThread(BGNBD_FIT, cdnowTuples().packed()); // the thread is started and its modules loaded
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await fitOffThread(PARETO_NBD_FIT, packed);
    const fitMs = performance.now() - started;
    clearInterval(ticker);
    // Run on this thread, the fit would be one gap as long as itself.
    expect(fitMs).toBeGreaterThan(150);
    expect(longestGap).toBeLessThan(fitMs / 3);
  });

  it('stop when their signal aborts', async () => {
    const [first, second] = [largePacked(150_000), largePacked(150_000)];
    const started = performance.now();
    const failure = await fitOffThread(PARETO_NBD_FIT, first, AbortSignal.timeout(50)).catch((e: unknown) => e);
    expect((failure as Error).name).toBe('AbortError');
    const aborted = performance.now();
    await fitOffThread(PARETO_NBD_FIT, second);
    // Stopped well before a whole fit would have ended, and the pool still fits afterwards.
    expect(aborted - started).toBeLessThan(performance.now() - aborted);
  });
});
