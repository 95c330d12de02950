import { describe, expect, it } from 'vitest';
import { invertMatrix, logScaleToNatural, numericHessian, standardErrors } from './hessian';

// A normal sample: at the MLE μ̂ = mean, σ̂² = Σ(y-μ̂)²/n, the observed information of
// -ln L(μ, σ) = n ln σ + Σ(y-μ)²/(2σ²) is diag(n/σ̂², 2n/σ̂²), so se(μ̂) = σ̂/√n and
// se(σ̂) = σ̂/√(2n); with σ on log scale, ∂²/∂(ln σ)² = 2n, so se(ln σ̂) = 1/√(2n).
const ys = [2.1, 3.4, 1.9, 5.2, 4.4, 3.3, 2.8, 3.9, 4.1, 2.6];
const n = ys.length;
const mean = ys.reduce((s, y) => s + y, 0) / n;
const sigmaHat = Math.sqrt(ys.reduce((s, y) => s + (y - mean) ** 2, 0) / n);
const negLogLik = ([mu, sigma]: number[]) => n * Math.log(sigma) + ys.reduce((s, y) => s + (y - mu) ** 2, 0) / (2 * sigma * sigma);
const negLogLikLogSigma = ([mu, logSigma]: number[]) => negLogLik([mu, Math.exp(logSigma)]);

describe('numericHessian', () => {
  it('matches the closed-form information of a Gaussian log-likelihood', () => {
    const h = numericHessian(negLogLik, [mean, sigmaHat]);
    expect(h[0][0]).toBeCloseTo(n / sigmaHat ** 2, 5);
    expect(h[1][1]).toBeCloseTo((2 * n) / sigmaHat ** 2, 4);
    expect(h[0][1]).toBeCloseTo(0, 5);
    expect(h[1][0]).toBe(h[0][1]);
  });

  it('is exact (to rounding) on a quadratic: f = x² + 3xy + 5y² has Hessian [[2, 3], [3, 10]]', () => {
    const h = numericHessian(([x, y]) => x * x + 3 * x * y + 5 * y * y, [10, -200]);
    expect(h[0][0]).toBeCloseTo(2, 4);
    expect(h[0][1]).toBeCloseTo(3, 4);
    expect(h[1][1]).toBeCloseTo(10, 4);
  });
});

describe('invertMatrix', () => {
  it('inverts [[4, 2], [2, 3]] to [[3, -2], [-2, 4]] / 8', () => {
    const inv = invertMatrix([[4, 2], [2, 3]]);
    expect(inv).not.toBeNull();
    expect(inv![0][0]).toBeCloseTo(3 / 8, 14);
    expect(inv![0][1]).toBeCloseTo(-2 / 8, 14);
    expect(inv![1][1]).toBeCloseTo(4 / 8, 14);
  });

  it('inverts a 3x3 SPD matrix: the product is the identity', () => {
    const m = [[6, 2, 1], [2, 5, 2], [1, 2, 4]];
    const inv = invertMatrix(m)!;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const product = m[i].reduce((s, v, k) => s + v * inv[k][j], 0);
        expect(product).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('returns null for singular, indefinite or non-finite matrices', () => {
    expect(invertMatrix([[1, 2], [2, 4]])).toBeNull();
    expect(invertMatrix([[1, 3], [3, 1]])).toBeNull();
    expect(invertMatrix([[-1, 0], [0, 1]])).toBeNull();
    expect(invertMatrix([[Number.NaN, 0], [0, 1]])).toBeNull();
  });
});

describe('standardErrors', () => {
  it('gives σ̂/√n and σ̂/√(2n) for the Gaussian MLE', () => {
    const se = standardErrors(negLogLik, [mean, sigmaHat]);
    expect(se).not.toBeNull();
    expect(se![0]).toBeCloseTo(sigmaHat / Math.sqrt(n), 5);
    expect(se![1]).toBeCloseTo(sigmaHat / Math.sqrt(2 * n), 5);
  });

  it('on log scale: se(ln σ̂) = 1/√(2n), and the delta method brings back σ̂/√(2n)', () => {
    const se = standardErrors(negLogLikLogSigma, [mean, Math.log(sigmaHat)])!;
    expect(se[1]).toBeCloseTo(1 / Math.sqrt(2 * n), 5);
    const natural = logScaleToNatural([Math.log(sigmaHat)], [se[1]]);
    expect(natural[0]).toBeCloseTo(sigmaHat / Math.sqrt(2 * n), 5);
  });

  it('is null away from a minimum (a saddle)', () => {
    expect(standardErrors(([x, y]) => x * x - y * y, [0, 0])).toBeNull();
  });
});
