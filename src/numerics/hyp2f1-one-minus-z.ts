// 2F1(a, b; c; z) for 0 < z < 1 from series in w = 1 - z (Abramowitz & Stegun 15.3.6), with the
// degenerate case of c - a - b at or near an integer done without losing digits.
import { expm1OverX, log1pOverX, logGammaSlope } from './digamma';
import { addEstimates, exactish, multiplyEstimates } from './estimate-arithmetic';
import { EPS, type Estimate, estimateTerms, gaussSeries, MAX_TERMS, ScaledSum } from './hyp2f1-series';
import { logGamma } from './log-gamma';
import { isNonPositiveInteger, signedLogGamma } from './signed-log-gamma';

/** Below this distance of c - a - b from an integer, the two terms of 15.3.6 are paired. */
const DEGENERATE_WITHIN = 0.1;

/**
 * The signed log of Π Γ(numerators) / Π Γ(denominators); zero when a denominator is a pole.
 * Positive arguments are paired, largest with largest, and each pair's ln Γ(x) - ln Γ(y) taken as
 * (x - y) times the slope of ln Γ: for arguments in the thousands the two logs would each carry
 * an absolute error of ~1e-12, their difference over a small step does not.
 */
function gammaQuotient(numerators: number[], denominators: number[]): Estimate {
  let logAbs = 0;
  let sign = 1;
  let magnitude = 0;
  // Positive arguments, largest first; the rest go through the signed ln Γ one by one.
  const top = positiveDescending(numerators);
  const bottom = positiveDescending(denominators);
  const pairs = Math.min(top.length, bottom.length);
  for (let i = 0; i < pairs; i++) {
    const step = top[i] - bottom[i];
    const slope = logGammaSlope(bottom[i], step);
    logAbs += step * slope;
    magnitude += Math.abs(step) * (Math.abs(slope) + 2);
  }
  for (let i = pairs; i < top.length; i++) {
    const g = logGamma(top[i]);
    logAbs += g;
    magnitude += Math.abs(g);
  }
  for (let i = pairs; i < bottom.length; i++) {
    const g = logGamma(bottom[i]);
    logAbs -= g;
    magnitude += Math.abs(g);
  }
  for (const x of numerators) {
    if (x > 0) continue;
    const g = signedLogGamma(x);
    if (g.sign === 0) throw new RangeError(`hyp2f1: Γ(${x}) is infinite in a transformation coefficient`);
    logAbs += g.logAbs;
    magnitude += Math.abs(g.logAbs);
    sign *= g.sign;
  }
  for (const x of denominators) {
    if (x > 0) continue;
    const g = signedLogGamma(x);
    if (g.sign === 0) return { logAbs: -Infinity, sign: 0, relError: 0 };
    logAbs -= g.logAbs;
    magnitude += Math.abs(g.logAbs);
    sign *= g.sign;
  }
  return exactish({ logAbs, sign: sign as -1 | 1 }, magnitude);
}

/** The positive numbers of a short list, largest first. */
function positiveDescending(values: number[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    if (!(v > 0)) continue;
    let i = out.length;
    out.push(v);
    while (i > 0 && out[i - 1] < v) {
      out[i] = out[i - 1];
      i--;
    }
    out[i] = v;
  }
  return out;
}

/** w^p as an estimate. */
function power(w: number, p: number): Estimate {
  const logAbs = p * Math.log(w);
  return exactish({ logAbs, sign: 1 }, Math.abs(logAbs));
}

/** About how many terms the 1 - z route needs (for choosing it over the direct series). */
export function estimateOneMinusZTerms(a: number, b: number, c: number, z: number): number {
  const w = 1 - z;
  const m = c - a - b;
  const n = Math.abs(Math.round(m));
  if (Math.abs(m - Math.round(m)) < DEGENERATE_WITHIN) {
    const [pa, pb] = m < 0 ? [c - a, c - b] : [a, b];
    return n + estimateTerms(pa + n, pb + n, 1 + n, w);
  }
  return Math.max(estimateTerms(a, b, 1 - m, w), estimateTerms(c - a, c - b, 1 + m, w));
}

/**
 * A&S 15.3.6 for c - a - b = m well away from an integer:
 * F = Γ(c)Γ(m)/(Γ(c-a)Γ(c-b)) F(a, b; 1-m; w) + w^m Γ(c)Γ(-m)/(Γ(a)Γ(b)) F(c-a, c-b; 1+m; w).
 */
function generic(a: number, b: number, c: number, w: number): Estimate {
  const m = c - a - b;
  const first = multiplyEstimates(gammaQuotient([c, m], [c - a, c - b]), gaussSeries(a, b, 1 - m, w));
  const second = multiplyEstimates(gammaQuotient([c, -m], [a, b]), power(w, m), gaussSeries(c - a, c - b, 1 + m, w));
  return addEstimates(first, second);
}

/** πε / sin(πε), continuous through ε = 0. */
function piOverSinPi(eps: number): number {
  const x = Math.PI * eps;
  if (Math.abs(x) < 1e-4) return 1 + (x * x) / 6;
  return x / Math.sin(x);
}

/**
 * 15.3.6 for m = c - a - b = n + ε, n ≥ 0 an integer and |ε| small (ε = 0 included: then it is
 * A&S 15.3.11). The terms w^(n+k) of the two series of 15.3.6 are paired, since each alone
 * carries a pole 1/sin(πε) that the sum cancels. Writing u = a+n+k, v = b+n+k, p = 1+n+k, q = 1+k
 * and C = Γ(c) / (Γ(a)Γ(b)Γ(c-a)Γ(c-b)), the pair is exactly
 *   (-1)^(n+1) C (πε / sin πε) w^(n+k) Γ(u)Γ(v) / (Γ(q-ε)Γ(p)) · expm1(ε Q_k) / ε,
 *   Q_k = ln w + [ln Γ(u+ε) - ln Γ(u)]/ε + [ln Γ(v+ε) - ln Γ(v)]/ε - [ln Γ(p+ε) - ln Γ(p)]/ε
 *         - [ln Γ(q) - ln Γ(q-ε)]/ε,
 * each bracket a slope of ln Γ (the digamma function at ε = 0), so nothing divides by ε. The
 * first n terms of the first series have no partner and are summed as they are.
 */
function degenerate(a: number, b: number, c: number, w: number): Estimate {
  const m = c - a - b;
  const n = Math.round(m);
  const eps = m - n;
  const logW = Math.log(w);
  const parts: Estimate[] = [];

  if (n >= 1) {
    // Σ_{k<n} (a)_k (b)_k / ((1-m)_k k!) w^k, times Γ(c)Γ(m) / (Γ(c-a)Γ(c-b)).
    const finite = new ScaledSum();
    for (let k = 0; k < n - 1; k++) finite.next(((a + k) * (b + k)) / ((1 - m + k) * (k + 1)) * w);
    parts.push(multiplyEstimates(gammaQuotient([c, m], [c - a, c - b]), finite.result(n)));
  }

  const prefactor = multiplyEstimates(
    gammaQuotient([c, a + n, b + n], [a, b, c - a, c - b, 1 - eps, 1 + n]),
    power(w, n),
    { logAbs: Math.log(piOverSinPi(eps)), sign: n % 2 === 0 ? -1 : 1, relError: 4 * EPS },
  );
  if (prefactor.sign !== 0) {
    let q = logW + logGammaSlope(a + n, eps) + logGammaSlope(b + n, eps) - logGammaSlope(1 + n, eps) - logGammaSlope(1 - eps, eps);
    // Q adds slopes of size up to qScale: its rounding is relative to that, not to Q itself.
    let qScale = Math.abs(logW) + 1;
    const series = new ScaledSum(1, q * expm1OverX(eps * q));
    let terms = 1;
    let done = false;
    for (let k = 0; k < MAX_TERMS && !done; k++) {
      const [u, v, p, r] = [a + n + k, b + n + k, 1 + n + k, 1 + k - eps];
      q += log1pOverX(eps / u) / u + log1pOverX(eps / v) / v - log1pOverX(eps / p) / p - log1pOverX(eps / r) / r;
      qScale = Math.max(qScale, Math.abs(q));
      const running = series.advance((u * v * w) / (r * p));
      const term = running * q * expm1OverX(eps * q);
      series.add(term, Math.abs(running) * EPS * qScale * 4);
      terms++;
      // Past the last sign change the running factor's ratios stay below `bound`, and Q grows
      // only logarithmically in k: the tail is bounded by the running factor times max(|Q|, 1).
      if (u > 0 && v > 0 && k > 2) {
        const bound = w * (1 + Math.abs(u + v - p - r) / Math.min(p, r) + Math.abs(u * v - p * r) / (p * r));
        const size = 4 * Math.abs(running) * Math.max(Math.abs(q), 1);
        const scale = Math.max(Math.abs(series.sum), EPS * series.absSum);
        done = bound < 1 && (size * bound) / (1 - bound) <= EPS * 0.5 * scale;
      }
    }
    if (!done) throw new RangeError(`hyp2f1: the 1 - z series of 2F1(${a}, ${b}; ${c}; ${1 - w}) did not converge within ${MAX_TERMS} terms`);
    parts.push(multiplyEstimates(prefactor, series.result(terms)));
  }
  return addEstimates(...parts);
}

/**
 * 2F1(a, b; c; z) for 0 < z < 1 through w = 1 - z. Requires a, b not 0, -1, -2, ... (those are
 * polynomials, summed directly) and c not a pole; throws when a series does not converge.
 */
export function hyp2f1OneMinusZ(a: number, b: number, c: number, z: number): Estimate {
  const w = 1 - z;
  const m = c - a - b;
  if (Math.abs(m - Math.round(m)) >= DEGENERATE_WITHIN) return generic(a, b, c, w);
  if (m >= 0) return degenerate(a, b, c, w);
  // Euler: F(a, b; c; z) = w^m F(c-a, c-b; c; z), whose own c - a - b is -m > 0.
  if (isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b)) {
    throw new RangeError('hyp2f1: the 1 - z route does not apply to this terminating Euler transform');
  }
  return multiplyEstimates(power(w, m), degenerate(c - a, c - b, c, w));
}
