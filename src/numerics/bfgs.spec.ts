import { describe, expect, it } from 'vitest';
import { minimizeWithGradient } from './bfgs';

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
});
