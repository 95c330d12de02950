// The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z ≤ 1.
import { exactish, multiplyEstimates } from './estimate-arithmetic';
import { type Estimate, estimateTerms, gaussSeries } from './hyp2f1-series';
import { estimateOneMinusZTerms, hyp2f1OneMinusZ } from './hyp2f1-one-minus-z';
import { polynomialInOneMinusZ } from './hyp2f1-polynomial';
import { isNonPositiveInteger, signedLogGamma } from './signed-log-gamma';

/** A route that is accepted at once when its estimated relative error is below this. */
const ACCEPT_REL_ERROR = 1e-11;
/** Beyond this estimated relative error no answer is returned. */
const GIVE_UP_REL_ERROR = 1e-7;
/** A direct series estimated at no more terms than this is tried before anything else. */
const FAST_PATH_TERMS = 60;
/** Rough cost of the gamma functions and slopes of the 1 - z route, in series terms. */
const ONE_MINUS_Z_OVERHEAD = 400;

/** One way of computing the value, with its estimated cost in series terms. */
interface Route {
  /** Named only in error messages: `${label}${kind}`. */
  label: string;
  kind: string;
  cost: number;
  run: () => Estimate;
}

/** (1 - z)^p as an estimate. */
function oneMinusZPower(z: number, p: number): Estimate {
  const logAbs = p * Math.log1p(-z);
  return exactish({ logAbs, sign: 1 }, Math.abs(logAbs));
}

/** Routes for 0 < x < 1: the series, Euler's transformation, and the 1 - x transformation. */
function routesInUnitInterval(a: number, b: number, c: number, x: number, label: string): Route[] {
  const m = c - a - b;
  const routes: Route[] = [
    { label, kind: 'series', cost: estimateTerms(a, b, c, x), run: () => gaussSeries(a, b, c, x) },
    // Euler: F(a, b; c; x) = (1-x)^(c-a-b) F(c-a, c-b; c; x).
    {
      label, kind: 'Euler', cost: estimateTerms(c - a, c - b, c, x),
      run: () => multiplyEstimates(oneMinusZPower(x, m), gaussSeries(c - a, c - b, c, x)),
    },
  ];
  // A polynomial, or Euler's transform of one, re-expanded in 1 - x.
  const polynomial = (p: number, q: number, euler: boolean): Route => ({
    label, kind: euler ? 'Euler polynomial in 1-z' : 'polynomial in 1-z', cost: 1 - p,
    run: () => (euler ? multiplyEstimates(oneMinusZPower(x, m), polynomialInOneMinusZ(p, q, c, x)) : polynomialInOneMinusZ(p, q, c, x)),
  });
  if (isNonPositiveInteger(a)) routes.push(polynomial(a, b, false));
  if (isNonPositiveInteger(b)) routes.push(polynomial(b, a, false));
  if (isNonPositiveInteger(c - a)) routes.push(polynomial(c - a, c - b, true));
  if (isNonPositiveInteger(c - b)) routes.push(polynomial(c - b, c - a, true));
  if (!isNonPositiveInteger(a) && !isNonPositiveInteger(b)) {
    routes.push({ label, kind: '1-z', cost: ONE_MINUS_Z_OVERHEAD + estimateOneMinusZTerms(a, b, c, x), run: () => hyp2f1OneMinusZ(a, b, c, x) });
  }
  return routes;
}

/** Every route for z < 0: the alternating series and both Pfaff transformations onto (0, 1). */
function routesForNegative(a: number, b: number, c: number, z: number): Route[] {
  const w = z / (z - 1);
  const pfaff = (p: number, q: number, label: string): Route[] =>
    // Pfaff: F(a, b; c; z) = (1-z)^(-p) F(p, c-q; c; z/(z-1)), for (p, q) = (a, b) or (b, a).
    routesInUnitInterval(p, c - q, c, w, label).map((route) => ({
      ...route,
      run: () => multiplyEstimates(oneMinusZPower(z, -p), route.run()),
    }));
  const routes = [...pfaff(a, b, 'Pfaff(a) '), ...pfaff(b, a, 'Pfaff(b) ')];
  if (z > -1) routes.push({ label: '', kind: 'series', cost: estimateTerms(a, b, c, z), run: () => gaussSeries(a, b, c, z) });
  return routes;
}

/** Gauss's theorem: F(a, b; c; 1) = Γ(c)Γ(c-a-b) / (Γ(c-a)Γ(c-b)), for c - a - b > 0. */
function atOne(a: number, b: number, c: number): Estimate {
  if (!(c - a - b > 0)) throw new RangeError(`hyp2f1: 2F1(${a}, ${b}; ${c}; 1) diverges (c - a - b ≤ 0)`);
  const parts = [signedLogGamma(c), signedLogGamma(c - a - b), signedLogGamma(c - a), signedLogGamma(c - b)];
  if (parts[2].sign === 0 || parts[3].sign === 0) return { logAbs: -Infinity, sign: 0, relError: 0 };
  return exactish(
    { logAbs: parts[0].logAbs + parts[1].logAbs - parts[2].logAbs - parts[3].logAbs, sign: (parts[0].sign * parts[1].sign * parts[2].sign * parts[3].sign) as -1 | 1 },
    parts.reduce((s, p) => s + Math.abs(p.logAbs), 0),
  );
}

/** True when F(a, b; c; z) is a polynomial that ends before the pole of a non-positive integer c. */
function terminatesBeforePole(a: number, b: number, c: number): boolean {
  return [a, b].some((p) => isNonPositiveInteger(p) && -p <= -c);
}

/**
 * F(a, b; c; z) as log-magnitude, sign and estimated relative error. Tries the routes cheapest
 * first, keeps the first accurate one (else the most accurate) and throws when none is usable.
 */
export function hyp2f1Estimate(a: number, b: number, c: number, z: number): Estimate {
  if (![a, b, c, z].every(Number.isFinite)) throw new RangeError(`hyp2f1: non-finite argument (${a}, ${b}; ${c}; ${z})`);
  if (z > 1) throw new RangeError(`hyp2f1: z = ${z} > 1 is outside the real domain`);
  if (isNonPositiveInteger(c)) {
    if (!terminatesBeforePole(a, b, c)) throw new RangeError(`hyp2f1: c = ${c} is a pole of 2F1`);
    return gaussSeries(a, b, c, z);
  }
  if (z === 0 || a === 0 || b === 0) return { logAbs: 0, sign: 1, relError: 0 };
  if (z === 1) return atOne(a, b, c);
  // F(a, b; b; z) = (1 - z)^(-a), and symmetrically.
  if (b === c) return oneMinusZPower(z, -a);
  if (a === c) return oneMinusZPower(z, -b);

  // The common case, a short series in z, needs none of the route machinery below.
  if (Math.abs(z) < 1 && estimateTerms(a, b, c, z) <= FAST_PATH_TERMS) {
    try {
      const value = gaussSeries(a, b, c, z, 4 * FAST_PATH_TERMS);
      if (value.sign !== 0 && value.relError <= ACCEPT_REL_ERROR) return value;
    } catch {
      // The estimate was wrong; the routes below include this series with its full budget.
    }
  }

  const routes = (z < 0 ? routesForNegative(a, b, c, z) : routesInUnitInterval(a, b, c, z, '')).sort((p, q) => p.cost - q.cost);
  let best: Estimate | null = null;
  const failures: string[] = [];
  for (const route of routes) {
    try {
      const value = route.run();
      if (value.sign === 0 || !Number.isFinite(value.logAbs) || !Number.isFinite(value.relError)) {
        failures.push(`${route.label}${route.kind}: total cancellation`);
        continue;
      }
      if (!best || value.relError < best.relError) best = value;
      if (value.relError <= ACCEPT_REL_ERROR) break;
    } catch (e) {
      failures.push(`${route.label}${route.kind}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (best && best.relError <= GIVE_UP_REL_ERROR) return best;
  const reason = best ? `best estimated relative error ${best.relError.toExponential(2)}` : failures.join('; ');
  throw new RangeError(`hyp2f1: 2F1(${a}, ${b}; ${c}; ${z}) cannot be evaluated accurately (${reason})`);
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real a, b, c and real z ≤ 1 (z = 1 when
 * c - a - b > 0), to about 1e-13 relative in ordinary cases. Chooses between the direct series,
 * Euler's and Pfaff's transformations and the 1 - z transformation (A&S 15.3.6, with c - a - b at
 * or near an integer handled as in 15.3.10-15.3.12). Throws a RangeError when c is a pole, when
 * the value overflows a double, or when no route reaches a useful accuracy; never returns NaN.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const value = hyp2f1Estimate(a, b, c, z);
  if (value.sign === 0) return 0;
  const result = value.sign * Math.exp(value.logAbs);
  if (!Number.isFinite(result)) throw new RangeError(`hyp2f1: 2F1(${a}, ${b}; ${c}; ${z}) overflows a double; use logHyp2f1`);
  return result;
}

/**
 * ln 2F1(a, b; c; z) for a positive value, without overflow for large parameters (the
 * Pareto/NBD likelihood needs values far beyond 1e308). Throws a RangeError when the value is
 * zero or negative, or where `hyp2f1` would.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const value = hyp2f1Estimate(a, b, c, z);
  if (value.sign !== 1) throw new RangeError(`logHyp2f1: 2F1(${a}, ${b}; ${c}; ${z}) is ${value.sign === 0 ? 'zero' : 'negative'}, it has no real log`);
  return value.logAbs;
}

