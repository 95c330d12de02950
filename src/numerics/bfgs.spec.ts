import { describe, expect, it } from 'vitest';
import { spin } from './testing/spin';
import { minimizeWithGradient } from './bfgs';
import { TIME_LIMIT_REASON } from './deadline';


/** Rosenbrock 2D with its gradient: minimum 0 at (1, 1). */
const rosenbrock = ([x, y]: number[]) => ({
  value: 100 * (y - x * x) ** 2 + (1 - x) ** 2,
  gradient: [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)],
});

describe('minimizeWithGradient', () => {
  it('Rosenbrock from (-1.2, 1) reaches (1, 1)', () => {
    const result = minimizeWithGradient(rosenbrock, [-1.2, 1], { tolerance: 1e-14 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
    expect(result.iterations).toBeLessThan(100);
  });

  it('a quadratic ½xᵀAx - bᵀx with A = [[4, 1], [1, 3]], b = [1, 2] ends at A⁻¹b = (1/11, 7/11)', () => {
    const f = ([x, y]: number[]) => ({
      value: 0.5 * (4 * x * x + 2 * x * y + 3 * y * y) - x - 2 * y,
      gradient: [4 * x + y - 1, x + 3 * y - 2],
    });
    const result = minimizeWithGradient(f, [5, -5], { tolerance: 1e-16 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1 / 11, 8);
    expect(result.x[1]).toBeCloseTo(7 / 11, 8);
  });

  it('backs off from invalid points: x - ln x has its minimum at x = 1 and is NaN for x <= 0', () => {
    const f = ([x]: number[]) => ({ value: x <= 0 ? Number.NaN : x - Math.log(x), gradient: [1 - 1 / x] });
    const result = minimizeWithGradient(f, [0.01]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
  });

  it('reports non-convergence when maxIterations is tiny, and a non-finite start', () => {
    const result = minimizeWithGradient(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(result.converged).toBe(false);
    expect(result.reason).toMatch(/iteration limit/);
    expect(minimizeWithGradient(() => ({ value: Number.NaN, gradient: [0] }), [0]).reason).toMatch(/starting point/);
  });

  it('stops relative to |f|: at |f| ≈ 1.7e7, with f known only to ~1e-8, it converges for every pattern of rounding', () => {
    // A million-customer log-likelihood is about this large and, summed in doubles, known to a few
    // units of its last place. Under an absolute 1e-9 on the predicted decrease, some of these
    // patterns never converge: the last Newton step gains less than the rounding hides.
    const curvature = [2e5, 5e5, 1e6, 3e6];
    for (let salt = 0; salt < 8; salt++) {
      const rounding = (x: number[]) => {
        const u = Math.sin(x.reduce((sum, v, i) => sum + v * (12.9898 + 78.233 * i), salt)) * 43758.5453;
        return (u - Math.floor(u)) * 3e-8;
      };
      const f = (x: number[]) => ({
        value: 1.7e7 + x.reduce((sum, v, i) => sum + 0.5 * curvature[i] * (v - 1) ** 2, 0) + rounding(x),
        gradient: x.map((v, i) => curvature[i] * (v - 1)),
      });
      const result = minimizeWithGradient(f, [0, 0, 0, 0], { maxIterations: 60 });
      expect(result.converged).toBe(true);
      expect(result.iterations).toBeLessThan(30);
      // Stopped at ½gᵀH⁻¹g <= 1e-13 · 1.7e7: within about sqrt(2 · 1.7e-6 / 2e5) = 4e-6 of the optimum.
      result.x.forEach((v) => expect(Math.abs(v - 1)).toBeLessThan(1e-5));
    }
  });

  it('stops at the deadline, not converged and saying so, within about one evaluation of it', () => {
    const slowRosenbrock = (x: number[]) => {
      spin(20);
      return rosenbrock(x);
    };
    const started = performance.now();
    const result = minimizeWithGradient(slowRosenbrock, [-1.2, 1], { deadline: started + 100, maxIterations: 10_000 });
    const elapsed = performance.now() - started;
    expect(result.converged).toBe(false);
    expect(result.reason).toBe(TIME_LIMIT_REASON);
    expect(elapsed).toBeGreaterThanOrEqual(100);
    // One 20 ms evaluation past the deadline, plus slack for a loaded machine (unbounded, it runs about 1 s).
    expect(elapsed).toBeLessThan(100 + 20 + 300);
    expect(Number.isFinite(result.value)).toBe(true);
  });
});
