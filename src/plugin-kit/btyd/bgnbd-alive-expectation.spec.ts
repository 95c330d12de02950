import { describe, expect, it } from 'vitest';
import { bgnbdAliveExpectation } from './bgnbd-alive-expectation';
import { bgnbdAliveExpectationByQuadrature, bgnbdAliveExpectationConcentrated } from './bgnbd-alive-quadrature';
import { bgnbdAliveExpectationSeries } from './bgnbd-hyp2f1';

const [r, a, b] = [0.2426, 0.7929, 2.4258];
const within = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(relative);

describe('BG/NBD expectation of an alive customer', () => {
  it('series and quadrature agree where both apply (z from 1e-5 to 0.99, x from 0 to 5000)', () => {
    for (const x of [0, 1, 2, 20, 5000]) {
      for (const z of [1e-5, 0.1, 0.5, 0.9, 0.98, 0.99]) {
        const series = bgnbdAliveExpectationSeries(r, a, b, x, Math.log1p(-z));
        expect(series).not.toBeNull();
        within(series!, bgnbdAliveExpectationByQuadrature(r, a, b, x, z / (1 - z)), 1e-9);
      }
    }
  });

  it('t much longer than α + T (z near 1) matches mpmath', () => {
    // FHL 2005 eq. 9 (a new customer: x = 0, T = 0) with r, a, b as published, evaluated in
    // mpmath 1.3 at 40 digits: α = 1e-6, t = 39: 174.83356152399; α = 1e-6, t = 1e4: 574.221582193262;
    // α = 4.4135, t = 1e6: 53.5190768546063. Here L = ln(α/(α+t)).
    within(bgnbdAliveExpectation(r, a, b, 0, -Math.log1p(39 / 1e-6)), 174.83356152399, 1e-9);
    within(bgnbdAliveExpectation(r, a, b, 0, -Math.log1p(1e4 / 1e-6)), 574.221582193262, 1e-7);
    within(bgnbdAliveExpectation(r, a, b, 0, -Math.log1p(1e6 / 4.4135)), 53.5190768546063, 1e-9);
  });

  it('is continuous across the switch from series to quadrature at z = 0.99', () => {
    const below = bgnbdAliveExpectation(r, a, b, 3, Math.log1p(-0.99 + 1e-12));
    const above = bgnbdAliveExpectation(r, a, b, 3, Math.log1p(-0.99 - 1e-12));
    within(above, below, 1e-9);
  });

  it('a concentrated Beta: the mode-centred rule agrees with the series, and reaches the homogeneous-p limit', () => {
    for (const [r2, a2, b2, x, z] of [[0.24, 20, 30, 0, 0.5], [0.24, 50, 300, 3, 0.9], [0.24, 25, 20, 0, 0.99], [2, 400, 1000, 10, 0.5]]) {
      within(bgnbdAliveExpectationConcentrated(r2, a2, b2, x, z / (1 - z)), bgnbdAliveExpectationSeries(r2, a2, b2, x, Math.log1p(-z))!, 1e-12);
    }
    // a, b -> ∞ with p = a/(a+b) fixed: E = (1 - (1 + k·p)^-(r+x))/p. With p = 4/26, k = 1 (z = 0.5), r + x = 3.24:
    // (1 - (30/26)^-3.24)/(4/26) = (1 - 0.628967)/0.153846 = 2.411716.
    const p = 4 / 26;
    within(bgnbdAliveExpectation(0.24, 4e11, 2.2e12, 3, Math.log(0.5)), (1 - Math.pow(1 + p, -3.24)) / p, 1e-9);
    // a = 1e6, b + x = 1e6 + 3, k = 19, r + x huge: (1 + k·p)^-(r+x) vanishes, E = E[1/p] = (a+b+x-1)/(a-1).
    within(bgnbdAliveExpectation(1e6, 1e6, 1e6, 3, Math.log(0.05)), 2000002 / 999999, 1e-12);
  });

  it('is 0 for t = 0 and finite for extreme parameters', () => {
    expect(bgnbdAliveExpectation(r, a, b, 2, 0)).toBe(0);
    for (const [r2, a2, b2] of [[1e-6, 1e-6, 1e-6], [1e6, 1e6, 1e6], [50, 5, 0.1], [1, 1, 1]]) {
      for (const L of [-1e-9, -0.5, -5, -40]) {
        const v = bgnbdAliveExpectation(r2, a2, b2, 3, L);
        expect(Number.isFinite(v) && v >= 0).toBe(true);
      }
    }
  });
});
