import { describe, expect, it } from 'vitest';
import { hyp2f1, logHyp2f1 } from './hyp2f1';

const relClose = (actual: number, expected: number, tol: number) => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
};

/** Gauss-Legendre nodes and weights on [-1, 1], by Newton's method on P_n. */
function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let previous = 1;
      let current = x;
      for (let j = 2; j <= n; j++) [previous, current] = [current, ((2 * j - 1) * x * current - (j - 1) * previous) / j];
      derivative = (n * (x * current - previous)) / (x * x - 1);
      const step = current / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}

const GL = gaussLegendre(20);

/** ∫ f over [lo, hi] by 20-point Gauss-Legendre. */
function panel(f: (t: number) => number, lo: number, hi: number): number {
  const half = (hi - lo) / 2;
  let sum = 0;
  for (let i = 0; i < GL.nodes.length; i++) sum += GL.weights[i] * f(lo + half * (1 + GL.nodes[i]));
  return sum * half;
}

/**
 * An independent value of 2F1(a, b; a + 1; z) = ∫0^1 (1 - z u^(1/a))^(-b) du (Euler's integral
 * with u = t^a). u^(1/a) is steep at u = 0 and the integrand peaks at u = 1 over a width of about
 * a(1 - z), so each half is cut into panels [2^-k-1, 2^-k] towards its end (60 per half, 20 nodes
 * each: 2,400 nodes); the right half is written in v = 1 - u so that 1 - z u^(1/a) keeps its
 * digits: 1 - z (1-v)^(1/a) = (1 - z) - z expm1(log1p(-v)/a).
 */
function paretoIntegral(a: number, b: number, z: number): number {
  const left = (u: number) => (1 - z * u ** (1 / a)) ** -b;
  const right = (v: number) => (1 - z - z * Math.expm1(Math.log1p(-v) / a)) ** -b;
  let sum = 0;
  for (let k = 1; k <= 60; k++) {
    sum += panel(left, 2 ** (-k - 1), 2 ** -k) + panel(right, 2 ** (-k - 1), 2 ** -k);
  }
  return sum;
}

describe('hyp2f1: closed forms', () => {
  it('2F1(1, 1; 2; z) = -ln(1 - z) / z, near z = 1 and for negative z', () => {
    // c - a - b = 0: the digamma (exactly degenerate) case of the 1 - z transformation.
    for (const z of [0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, -0.5, -5, -1000]) {
      relClose(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z, 2e-14);
    }
  });

  it('2F1(1, b; 2; z) = ((1 - z)^(1 - b) - 1) / ((b - 1) z), past the range of a double via logHyp2f1', () => {
    // Σ (b)_k / (k+1)! z^k, integrated term by term; b = 30 and 60 make c - a - b an integer again.
    for (const b of [0.5, 1.3, 2.5, 30, 60]) {
      for (const z of [0.3, 0.9, 0.999]) relClose(hyp2f1(1, b, 2, z), ((1 - z) ** (1 - b) - 1) / ((b - 1) * z), 1e-13);
    }
    // b = 200, z = 0.9999: ((1 - z)^-199 - 1) / (199 z) ≈ 1e796, beyond 1e308; the -1 is far below a digit.
    const z = 0.9999;
    const expected = -199 * Math.log1p(-z) - Math.log(199 * z);
    relClose(logHyp2f1(1, 200, 2, z), expected, 1e-15);
    expect(() => hyp2f1(1, 200, 2, z)).toThrow(/overflows/);
  });

  it('2F1(a, b; b; z) = (1 - z)^-a', () => {
    for (const [a, b, z] of [[0.7, 2, 0.95], [3, 1.5, -4], [12.5, 0.3, 0.5]]) relClose(hyp2f1(a, b, b, z), (1 - z) ** -a, 1e-14);
    // Written the other way round (the function is symmetric in a and b).
    relClose(hyp2f1(2, 0.7, 2, 0.95), 0.05 ** -0.7, 1e-14);
  });

  it('2F1(1/2, 1/2; 3/2; z²) = asin(z) / z', () => {
    for (const z of [0.2, 0.7, 0.95, 0.999, 0.99999]) relClose(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z, 1e-13);
  });

  it('2F1(1/2, 1; 3/2; z²) = atanh(z) / z, and at -z² it is atan(z) / z', () => {
    for (const z of [0.2, 0.7, 0.95, 0.999, 0.99999]) relClose(hyp2f1(0.5, 1, 1.5, z * z), Math.atanh(z) / z, 1e-13);
    for (const z of [0.5, 1, 3, 30]) relClose(hyp2f1(0.5, 1, 1.5, -z * z), Math.atan(z) / z, 1e-13);
  });

  it('terminating series: 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z²/(c(c+1)), signs included', () => {
    const quadratic = (b: number, c: number, z: number) => 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1));
    for (const [b, c, z] of [[3, 1.5, 0.9], [0.5, 4, -7], [40, 2, 0.999]]) relClose(hyp2f1(-2, b, c, z), quadratic(b, c, z), 1e-13);
    // A terminating series survives a pole of c beyond its degree: 2F1(-1, 2; -3; z) = 1 + 2z/3.
    relClose(hyp2f1(-1, 2, -3, 0.6), 1 + 0.4, 1e-15);
  });
});

describe('hyp2f1: the Pareto/NBD case c = a + 1 against quadrature', () => {
  // b within 1e-9 and 3e-7 of an integer make c - a - b = 1 - b nearly an integer (the paired terms).
  const as = [1, 1.5, 3.3, 10, 57.2, 200];
  const bs = [0.5, 1, 1 + 1e-9, 1.3, 2, 2 + 3e-7, 7.7, 30, 60];
  const zs = [0, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999];
  it(`matches ∫0^1 (1 - z u^(1/a))^(-b) du on a ${as.length}×${bs.length}×${zs.length} grid`, () => {
    for (const a of as) for (const b of bs) for (const z of zs) {
      const expected = paretoIntegral(a, b, z);
      const actual = hyp2f1(a, b, a + 1, z);
      if (Math.abs(actual - expected) > 1e-11 * expected) throw new Error(`2F1(${a}, ${b}; ${a + 1}; ${z}) = ${actual}, quadrature ${expected}`);
    }
  });

  it('in logs for Pareto/NBD-sized parameters (a = r + s + x with x in the thousands)', () => {
    for (const [a, b, z] of [[2500.6, 2499.9, 0.3], [2500.6, 1.7, 0.95], [1500.25, 1500, 0.999], [3000.3, 1.3, 0.9999]]) {
      relClose(logHyp2f1(a, b, a + 1, z), Math.log(paretoIntegral(a, b, z)), 1e-12);
    }
  });
});

describe('hyp2f1: the sBG DERL value', () => {
  it('2F1(1, β+n+1; α+β+n+1; 1/(1+d)) for α = 0.668, β = 3.806, n = 7, d = 0.1 equals its summed series', () => {
    const [alpha, beta, n, d] = [0.668, 3.806, 7, 0.1];
    const [b, c, z] = [beta + n + 1, alpha + beta + n + 1, 1 / (1 + d)];
    // (1)_k / k! = 1, so the series is Σ (b)_k / (c)_k z^k: positive terms shrinking by about z.
    let term = 1;
    let series = 1;
    for (let k = 0; k < 2000; k++) {
      term *= ((b + k) / (c + k)) * z;
      series += term;
    }
    relClose(hyp2f1(1, b, c, z), series, 1e-13);
    // Fader & Hardie (2010): DERL = (β+n)/(α+β+n) · 2F1(...) = 7.53 at 10%.
    expect(((beta + n) / (alpha + beta + n)) * hyp2f1(1, b, c, z)).toBeCloseTo(7.53, 2);
  });
});

describe('hyp2f1: refusals', () => {
  it('throws a RangeError instead of returning NaN or Infinity', () => {
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/pole/);
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(/outside/);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/diverges/);
    expect(() => hyp2f1(Number.NaN, 1, 2, 0.5)).toThrow(/non-finite/);
    // 2F1(-1, 2; 1; 0.9) = 1 - 1.8 < 0: a value, but no log.
    relClose(hyp2f1(-1, 2, 1, 0.9), -0.8, 1e-15);
    expect(() => logHyp2f1(-1, 2, 1, 0.9)).toThrow(/negative/);
  });

  it('Gauss: 2F1(a, b; c; 1) = Γ(c)Γ(c-a-b) / (Γ(c-a)Γ(c-b)); here 2F1(1, 1; 3; 1) = Γ(3)Γ(1) / (Γ(2)Γ(2)) = 2', () => {
    relClose(hyp2f1(1, 1, 3, 1), 2, 1e-14);
  });
});
