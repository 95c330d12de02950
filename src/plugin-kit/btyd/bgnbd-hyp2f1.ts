// The hypergeometric part of the BG/NBD conditional expectation (Fader, Hardie & Lee 2005, eq. 10):
//   Q = [1 - ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x-1; z)] / (a - 1),  z = t/(α+T+t).
// As written, 2F1 grows like (1-z)^(a-1-r-x) (it overflows for x in the thousands) and the
// division by a - 1 is 0/0 at a = 1. Euler's transformation 2F1(A,B;C;z) = (1-z)^(C-A-B) 2F1(C-A,C-B;C;z)
// turns the product into (1-z)^(a-1) · 2F1(a+b-1-r, a-1; a+b+x-1; z), whose series converges fast
// for large x; writing 2F1(A, ε; C; z) = 1 + ε·S (ε = a - 1) then removes the division:
//   Q = (1 - (1-z)^ε)/ε - (1-z)^ε · S,   (1 - (1-z)^ε)/ε = -L·expm1(εL)/(εL),  L = ln(1-z).
// (This BG/NBD-specific form, written before the general src/numerics/hyp2f1.ts existed, needs no
// 2F1 of a large argument at all, so it stays in use here.)

/** Cap on series terms: enough for z = 0.99 (about 3,700), beyond it the caller integrates. */
const MAX_TERMS = 10_000;

/** expm1(u)/u, continuous at 0. */
function expm1OverU(u: number): number {
  return Math.abs(u) < 1e-8 ? 1 + u / 2 : Math.expm1(u) / u;
}

/**
 * (a+b+x-1) · Q for the BG/NBD: the expected transactions in the next t of a customer known to be
 * alive (multiply by P(alive) for the conditional expectation). `logOneMinusZ` = ln((α+T)/(α+T+t)),
 * passed in so that it is computed from the logs without cancellation. The series needs about
 * 37/(1-z) terms, so use it for z up to about 0.99 (see bgnbd-alive-expectation.ts). Returns a
 * finite number >= 0, or null when the series did not converge within its cap or overflowed
 * (extreme parameters): the caller then integrates instead.
 */
export function bgnbdAliveExpectationSeries(r: number, a: number, b: number, x: number, logOneMinusZ: number): number | null {
  const L = logOneMinusZ;
  if (!(L < 0)) return 0;
  const z = -Math.expm1(L);
  const epsilon = a - 1;
  const A = a + b - 1 - r;
  const C = a + b + x - 1;
  // S' = C·S: its first term C·(A/C)·z = A·z needs no division by C (which may be 0 when x = 0).
  let term = A * z;
  let sum = term;
  let converged = term === 0;
  for (let n = 1; n < MAX_TERMS && !converged; n++) {
    const ratio = (z * (A + n) * (epsilon + n)) / ((C + n) * (n + 1));
    term *= ratio;
    sum += term;
    // Later ratios tend to z from either side; the larger bounds the tail geometrically. Until
    // A + n > 0 the terms may change sign, and a tiny one says nothing about the tail.
    const bound = Math.max(Math.abs(ratio), z);
    converged = term === 0 || (A + n > 0 && bound < 1 && Math.abs(term) * bound <= 1e-16 * (1 - bound) * Math.abs(sum));
  }
  if (!converged || !Number.isFinite(sum)) return null;
  const value = C * -L * expm1OverU(epsilon * L) - Math.exp(epsilon * L) * sum;
  if (!Number.isFinite(value)) return null;
  return value > 0 ? value : 0;
}
