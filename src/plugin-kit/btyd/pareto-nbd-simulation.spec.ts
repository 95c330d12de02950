import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../seed/seeded-random';
import { simulateParetoNbdRepeatTimes } from './pareto-nbd-simulation';

describe('Pareto/NBD simulation', () => {
  const random = new SeededRandom(11);
  const uniform = () => random.next();

  it('a new customer makes E[X(t)] = rβ/(α(s-1)) · [1 - (β/(β+t))^(s-1)] purchases in t (Fader & Hardie 2005, eq. 17)', () => {
    // r = 2, α = 4 (mean rate 1/2 a week), s = 3, β = 20 (mean dropout rate 0.15), t = 10 weeks:
    // 2·20/(4·2) · (1 - (20/30)²) = 5 · 5/9 = 2.7778. The counts' variance is about 12, so the mean
    // of 50,000 has a standard error of about 0.015: within 0.045 (three).
    const params = { r: 2, alpha: 4, s: 3, beta: 20 };
    const counts = Array.from({ length: 50_000 }, () => simulateParetoNbdRepeatTimes(params, uniform, 10).length);
    expect(Math.abs(counts.reduce((s, v) => s + v, 0) / counts.length - 25 / 9)).toBeLessThan(0.045);
  });

  it('purchases are increasing times within the observation', () => {
    const customers = Array.from({ length: 2000 }, () => simulateParetoNbdRepeatTimes({ r: 1, alpha: 1, s: 0.5, beta: 10 }, uniform, 20));
    expect(customers.flat().length).toBeGreaterThan(1000);
    for (const times of customers) expect(times.every((t, i) => t > (i === 0 ? 0 : times[i - 1]) && t < 20)).toBe(true);
  });
});
