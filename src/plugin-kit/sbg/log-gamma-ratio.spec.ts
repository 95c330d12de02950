import { describe, expect, it } from 'vitest';
import { logGammaRatio } from './log-gamma-ratio';

describe('logGammaRatio', () => {
  it('is the log of a rising product for whole steps: Γ(x + n) / Γ(x) = x (x + 1) ... (x + n - 1)', () => {
    expect(logGammaRatio(2.5, 3)).toBeCloseTo(Math.log(2.5 * 3.5 * 4.5), 13);
    expect(logGammaRatio(20, 2)).toBeCloseTo(Math.log(20 * 21), 13);
    expect(logGammaRatio(7, 1)).toBeCloseTo(Math.log(7), 14);
    expect(logGammaRatio(3, 0)).toBe(0);
  });

  it('matches Γ(1/2) = √π and Γ(3/2) = √π / 2', () => {
    // ln Γ(1) - ln Γ(1/2) = -ln √π; ln Γ(2) - ln Γ(3/2) = -ln(√π / 2).
    expect(logGammaRatio(0.5, 0.5)).toBeCloseTo(-0.5 * Math.log(Math.PI), 14);
    expect(logGammaRatio(1.5, 0.5)).toBeCloseTo(-Math.log(Math.sqrt(Math.PI) / 2), 14);
  });

  it('keeps its digits when a is tiny next to x', () => {
    // ≈ a ψ(x) with ψ(x) = ln x - 1/(2x) - 1/(12x²) + ...; the a² ψ'(x) / 2 term is ~5e-21.
    const x = 1e8;
    const a = 1e-6;
    const psi = Math.log(x) - 1 / (2 * x) - 1 / (12 * x * x);
    expect(logGammaRatio(x, a) / (a * psi)).toBeCloseTo(1, 10);
    // Near x = 1: ψ(1) = -γ (Euler-Mascheroni), ψ'(1) = π²/6.
    const gamma = 0.5772156649015329;
    expect(logGammaRatio(1, 1e-9) / (-gamma * 1e-9)).toBeCloseTo(1, 7);
  });

  it('rejects arguments outside its domain', () => {
    expect(() => logGammaRatio(0, 1)).toThrow(RangeError);
    expect(() => logGammaRatio(1, -1)).toThrow(RangeError);
    expect(() => logGammaRatio(Number.NaN, 1)).toThrow(RangeError);
  });
});
