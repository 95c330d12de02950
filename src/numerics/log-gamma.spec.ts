import { describe, expect, it } from 'vitest';
import { logBeta, logGamma } from './log-gamma';

const relClose = (actual: number, expected: number, tol: number) => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
};

describe('logGamma', () => {
  it('lnΓ(0.5) = ln √π', () => relClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14));

  it('Γ(n) = (n-1)! for n = 1..25', () => {
    let logFactorial = 0; // ln((n-1)!) built by summing ln k
    for (let n = 1; n <= 25; n++) {
      if (n > 1) logFactorial += Math.log(n - 1);
      relClose(logGamma(n), logFactorial, 1e-13);
    }
  });

  it('lnΓ(100) = 359.1342053695754 (published tables)', () => relClose(logGamma(100), 359.1342053695754, 1e-14));

  it('tiny x: lnΓ(x) ≈ -ln x - γx (Euler–Mascheroni γ)', () => {
    const x = 1e-8;
    const eulerGamma = 0.5772156649015329;
    relClose(logGamma(x), -Math.log(x) - eulerGamma * x, 1e-13);
  });

  it('half-integers: Γ(n + 1/2) = (2n)! √π / (4^n n!)', () => {
    // n = 3: 720 √π / (64 · 6) = 1.875 √π
    relClose(logGamma(3.5), Math.log(1.875 * Math.sqrt(Math.PI)), 1e-14);
    // Γ(1.5) = √π / 2
    relClose(logGamma(1.5), Math.log(Math.sqrt(Math.PI) / 2), 1e-14);
  });

  it('continuity across the Stirling switch and recurrence lnΓ(x+1) = lnΓ(x) + ln x', () => {
    for (const x of [0.1, 0.49, 0.5, 0.51, 3.3, 14.2, 14.99, 15, 15.01, 200.5, 1e6]) {
      relClose(logGamma(x + 1), logGamma(x) + Math.log(x), 2e-14);
    }
  });

  it('huge x stays finite', () => {
    expect(Number.isFinite(logGamma(1e300))).toBe(true);
  });

  it('invalid input returns NaN', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
    expect(logGamma(Number.POSITIVE_INFINITY)).toBeNaN();
  });
});

describe('logBeta', () => {
  it('B(a, b) closed forms', () => {
    // B(1, b) = 1/b ; B(2, 3) = 1!·2!/4! = 1/12 ; B(0.5, 0.5) = π
    relClose(logBeta(1, 7), -Math.log(7), 1e-14);
    relClose(logBeta(2, 3), -Math.log(12), 1e-14);
    relClose(logBeta(0.5, 0.5), Math.log(Math.PI), 1e-14);
  });
});
