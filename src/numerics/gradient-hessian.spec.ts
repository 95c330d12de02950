import { describe, expect, it } from 'vitest';
import { hessianFromGradient, standardErrorsFromGradient } from './gradient-hessian';

describe('hessianFromGradient', () => {
  it('is exact (to rounding) on a quadratic: f = x² + 3xy + 5y² has Hessian [[2, 3], [3, 10]]', () => {
    const h = hessianFromGradient(([x, y]) => [2 * x + 3 * y, 3 * x + 10 * y], [10, -200]);
    expect(h).not.toBeNull();
    expect(h![0][0]).toBeCloseTo(2, 8);
    expect(h![0][1]).toBeCloseTo(3, 8);
    expect(h![1][0]).toBe(h![0][1]);
    expect(h![1][1]).toBeCloseTo(10, 8);
  });

  it('is null where the gradient is not available or not finite', () => {
    expect(hessianFromGradient(() => null, [1, 2])).toBeNull();
    // Beyond x = 1 the gradient is NaN: the upper probe fails.
    expect(hessianFromGradient(([x]) => [x > 1 ? Number.NaN : x], [1])).toBeNull();
  });
});

describe('standardErrorsFromGradient', () => {
  // Two exponential rates θ_i = e^(v_i), each from n_i waiting times summing to S_i:
  //   -ln L = Σ θ_i S_i - n_i v_i, gradient θ_i S_i - n_i, information n_i at the optimum
  //   θ_i = n_i / S_i, so se(v_i) = 1/√n_i.
  const n = [12, 50];
  const S = [8, 40];
  const gradient = (v: number[]) => v.map((vi, i) => Math.exp(vi) * S[i] - n[i]);

  it('gives 1/√n_i at the optimum', () => {
    const se = standardErrorsFromGradient(gradient, [Math.log(12 / 8), Math.log(50 / 40)]);
    expect(se).not.toBeNull();
    expect(se![0]).toBeCloseTo(1 / Math.sqrt(12), 8);
    expect(se![1]).toBeCloseTo(1 / Math.sqrt(50), 8);
  });

  it('is null where the information is not positive definite (a maximum of -ln L)', () => {
    expect(standardErrorsFromGradient((v) => v.map((vi) => -vi), [0, 0])).toBeNull();
  });
});
