import { describe, expect, it } from 'vitest';
import { spin } from './testing/spin';
import { TIME_LIMIT_REASON } from './deadline';
import { minimize } from './minimize';


/** Rosenbrock in n dimensions: minimum 0 at (1, ..., 1). */
const rosenbrock = (x: number[]): number => {
  let sum = 0;
  for (let i = 0; i < x.length - 1; i++) sum += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return sum;
};

describe('minimize', () => {
  it('Rosenbrock 2D from (-1.2, 1) reaches (1, 1)', () => {
    const result = minimize(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    result.x.forEach((v) => expect(v).toBeCloseTo(1, 4));
    expect(result.value).toBeLessThan(1e-9);
  });

  it('Rosenbrock 4D from (-1.2, 1, -1.2, 1) reaches (1, 1, 1, 1)', () => {
    const result = minimize(rosenbrock, [-1.2, 1, -1.2, 1], { maxIterations: 20000 });
    expect(result.converged).toBe(true);
    result.x.forEach((v) => expect(v).toBeCloseTo(1, 4));
  });

  it('quadratic with known minimum: (x-3)² + 10(y+2)² + (x+y+z-5)² + 7 has its minimum 7 at (3, -2, 4)', () => {
    const f = ([x, y, z]: number[]) => (x - 3) ** 2 + 10 * (y + 2) ** 2 + (x + y + z - 5) ** 2 + 7;
    const result = minimize(f, [0, 0, 0]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(3, 4);
    expect(result.x[1]).toBeCloseTo(-2, 4);
    expect(result.x[2]).toBeCloseTo(4, 4);
    expect(result.value).toBeCloseTo(7, 9);
    expect(result.evaluations).toBeGreaterThan(result.iterations);
  });

  it('treats NaN and Infinity as +Infinity (a barrier at x <= 0)', () => {
    // Minimum of x - ln x is at x = 1 (derivative 1 - 1/x); ln of a negative is NaN.
    const result = minimize(([x]) => (x <= 0 ? Number.NaN : x - Math.log(x)), [5]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    const inf = minimize(([x]) => (x <= 0 ? Number.POSITIVE_INFINITY : x - Math.log(x)), [0.01]);
    expect(inf.x[0]).toBeCloseTo(1, 4);
  });

  it('reports non-convergence when maxIterations is tiny', () => {
    const result = minimize(rosenbrock, [-1.2, 1], { maxIterations: 5 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(5);
    expect(result.reason).toMatch(/iteration limit reached/);
    expect(Number.isFinite(result.value)).toBe(true);
  });

  it('reports a non-finite starting point', () => {
    const result = minimize(() => Number.NaN, [1, 2]);
    expect(result.converged).toBe(false);
    expect(result.reason).toMatch(/starting point/);
  });

  it('stops at the deadline, not converged and saying so, within a few evaluations of it', () => {
    const slowRosenbrock = (x: number[]) => {
      spin(10);
      return rosenbrock(x);
    };
    const started = performance.now();
    const result = minimize(slowRosenbrock, [-1.2, 1], { deadline: started + 100 });
    const elapsed = performance.now() - started;
    expect(result.converged).toBe(false);
    expect(result.reason).toBe(TIME_LIMIT_REASON);
    expect(elapsed).toBeGreaterThanOrEqual(100);
    // At most n + 2 = 4 evaluations of 10 ms past it, plus slack for a loaded machine (unbounded, it runs seconds).
    expect(elapsed).toBeLessThan(100 + 40 + 300);
    expect(result.value).toBeLessThan(rosenbrock([-1.2, 1]));
  });
});
