import { logGamma } from '../../numerics/log-gamma';
import { digamma } from '../../numerics/digamma';
import { standardErrorsFromGradient } from '../../numerics/gradient-hessian';
import { logScaleToNatural } from '../../numerics/hessian';
import { type FitLimits, maximizeWithCaps } from './log-scale-fit';
import { ModelFitError } from './model-fit-error';

// Gamma-Gamma spend model (Fader, Hardie & Lee 2005b, "RFM and CLV: using iso-value curves";
// after Colombo & Jiang 1999): a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ),
// independent of the transaction process.

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** One repeat buyer (or `weight` identical ones): x transactions with mean value zbar > 0. */
export interface GammaGammaRow {
  x: number;
  zbar: number;
  weight: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Delta-method standard errors from the log-scale fit; null when the Hessian is not positive definite. */
  standardErrors: GammaGammaParams | null;
  /** Sum of the weights of the rows used. */
  customers: number;
}

/** Optimiser limits (iterations, relative tolerance, time; see FitLimits) and the start. */
export interface GammaGammaFitOptions extends FitLimits {
  start?: GammaGammaParams;
}

const MODEL = 'Gamma-Gamma';

/** Rows grouped by x, with ln zbar computed once. */
interface PreparedRows {
  groups: { x: number; logX: number; weight: number; weightedLogZ: number; zbar: Float64Array; weights: Float64Array }[];
  customers: number;
  meanZ: number;
  /** The largest x: p·x stays finite below it. */
  maxX: number;
}

function prepare(rows: GammaGammaRow[]): PreparedRows {
  const byX = new Map<number, { zbar: number[]; weights: number[]; weight: number; weightedLogZ: number }>();
  let customers = 0;
  let weightedZ = 0;
  for (const { x, zbar, weight } of rows) {
    // Rows without repeat transactions or a positive mean carry no spend information.
    if (!(x >= 1 && Number.isFinite(x) && zbar > 0 && Number.isFinite(zbar) && weight > 0 && Number.isFinite(weight))) continue;
    let group = byX.get(x);
    if (!group) {
      group = { zbar: [], weights: [], weight: 0, weightedLogZ: 0 };
      byX.set(x, group);
    }
    group.zbar.push(zbar);
    group.weights.push(weight);
    group.weight += weight;
    group.weightedLogZ += weight * Math.log(zbar);
    customers += weight;
    weightedZ += weight * zbar;
  }
  const groups = [...byX.entries()].map(([x, g]) => ({
    x, logX: Math.log(x), weight: g.weight, weightedLogZ: g.weightedLogZ, zbar: Float64Array.from(g.zbar), weights: Float64Array.from(g.weights),
  }));
  return { groups, customers, meanZ: customers > 0 ? weightedZ / customers : 0, maxX: groups.reduce((m, g) => Math.max(m, g.x), 0) };
}

/**
 * The weighted log-likelihood and its gradient with respect to (ln p, ln q, ln γ). x·zbar is
 * Gamma(px, ν), so integrating ν out gives per customer
 *   ℓ = lnΓ(px+q) - lnΓ(px) - lnΓ(q) + q ln γ + px ln x + (px-1) ln zbar - (px+q) ln(γ + x·zbar),
 *   ∂ℓ/∂p = x·(ψ(px+q) - ψ(px) + ln x + ln zbar - ln(γ + x·zbar)),
 *   ∂ℓ/∂q = ψ(px+q) - ψ(q) + ln γ - ln(γ + x·zbar),   ∂ℓ/∂γ = q/γ - (px+q)/(γ + x·zbar).
 * Everything but ln(γ + x·zbar) depends on x only and is computed once per distinct x.
 */
function valueAndGradientOf(data: PreparedRows, { p, q, gamma }: GammaGammaParams): { value: number; gradient: number[] } {
  const lgq = logGamma(q);
  const psiQ = digamma(q);
  const logGammaScale = Math.log(gamma);
  let value = 0;
  let gp = 0;
  let gq = 0;
  let gGamma = 0;
  for (const g of data.groups) {
    const px = p * g.x;
    let sumLog = 0;
    let sumInverse = 0;
    for (let k = 0; k < g.zbar.length; k++) {
      const denominator = gamma + g.x * g.zbar[k];
      sumLog += g.weights[k] * Math.log(denominator);
      sumInverse += g.weights[k] / denominator;
    }
    const psiSum = digamma(px + q);
    value += g.weight * (logGamma(px + q) - logGamma(px) - lgq + q * logGammaScale + px * g.logX) + (px - 1) * g.weightedLogZ - (px + q) * sumLog;
    gp += g.x * (g.weight * (psiSum - digamma(px) + g.logX) + g.weightedLogZ - sumLog);
    gq += g.weight * (psiSum - psiQ + logGammaScale) - sumLog;
    gGamma += (g.weight * q) / gamma - (px + q) * sumInverse;
  }
  return { value, gradient: [p * gp, q * gq, gamma * gGamma] };
}

/** The weighted Gamma-Gamma log-likelihood; rows with x < 1 or zbar <= 0 are skipped. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: GammaGammaRow[]): number {
  return valueAndGradientOf(prepare(rows), params).value;
}

/** The weighted log-likelihood and its gradient with respect to (ln p, ln q, ln γ). */
export function gammaGammaLogLikelihoodGradient(params: GammaGammaParams, rows: GammaGammaRow[]): { value: number; gradient: number[] } {
  return valueAndGradientOf(prepare(rows), params);
}

const valid = (params: GammaGammaParams) => [params.p, params.q, params.gamma].every((u) => Number.isFinite(u) && u > 0);

/**
 * The largest p and q the fit considers. When spends barely vary, the likelihood keeps rising, ever
 * more slowly, along a ridge where the model stops being random: q, γ → ∞ with γ/q fixed (every
 * customer's ν tends to one value) and p → ∞ with p·γ fixed (a customer's transactions tend to one
 * value). The optimiser then walked off along it until its iteration limit, or until p·x
 * overflowed (seen on a soak's data, whose purchases all cost 10 to 16). At 1e4 either shape has a
 * coefficient of variation of 1% (1/√shape), and expected spends are within about 1e-4 (relative)
 * of the limit; both are dimensionless, so the caps hold in any currency.
 */
export const GAMMA_GAMMA_MAX_SHAPE = 1e4;
const LOG_MAX = Math.log(GAMMA_GAMMA_MAX_SHAPE);
/** The coordinates of v that are capped: ln p and ln q. */
const CAPPED = [0, 1];

/**
 * The fit's coordinates v = (ln p, ln q, ln p·γ/q), so that both ridges run along one coordinate
 * each with the third fixed; ln p and ln q are clamped at the cap (beyond it, ln L is flat in them).
 */
function paramsAt(v: number[]): GammaGammaParams {
  const [p, q] = CAPPED.map((i) => (v[i] >= LOG_MAX ? GAMMA_GAMMA_MAX_SHAPE : Math.exp(v[i])));
  return { p, q, gamma: (q / p) * Math.exp(v[2]) };
}

/** ln L and its gradient in (ln p, ln q, ln γ) at `params`; null where they make no valid, finite model. */
function logScaleAt(data: PreparedRows, params: GammaGammaParams): { value: number; gradient: number[] } | null {
  if (!valid(params) || !Number.isFinite(params.p * data.maxX + params.q)) return null;
  const at = valueAndGradientOf(data, params);
  return Number.isFinite(at.value) && at.gradient.every(Number.isFinite) ? at : null;
}

/** ln L and its gradient in v; `unclamped` keeps the components of capped coordinates (to tell whether ln L still rises there). */
function withGradientAt(data: PreparedRows, v: number[], unclamped = false): { value: number; gradient: number[] } | null {
  const at = logScaleAt(data, paramsAt(v));
  if (!at) return null;
  // ln γ = v2 + ln q - ln p.
  const [dp, dq, dGamma] = at.gradient;
  const gradient = [dp - dGamma, dq + dGamma, dGamma];
  if (!unclamped) for (const i of CAPPED) if (v[i] > LOG_MAX) gradient[i] = 0;
  return { value: at.value, gradient };
}

/**
 * Fits the Gamma-Gamma by maximum likelihood (BFGS with the analytic gradient, Nelder-Mead should
 * it stall) on (ln p, ln q, ln p·γ/q), ln p and ln q bounded by {@link GAMMA_GAMMA_MAX_SHAPE}.
 * Throws ModelFitError without usable rows or when it does not converge within its limits (by
 * default 5000 iterations each search and 60 s for the whole fit). At a cap, `standardErrors` is
 * null: the likelihood still rises there, so that shape has none.
 */
export function fitGammaGamma(rows: GammaGammaRow[], options: GammaGammaFitOptions = {}): GammaGammaFit {
  const data = prepare(rows);
  if (data.customers === 0) throw new ModelFitError(MODEL, 'no repeat buyer with a positive mean repeat value');
  const objective = {
    logLikelihood: (v: number[]) => withGradientAt(data, v)?.value ?? null,
    withGradient: (v: number[]) => withGradientAt(data, v),
    unclampedGradient: (v: number[]) => withGradientAt(data, v, true)?.gradient ?? null,
  };
  // Start at the scale of the data: with p = 1 and q = 2, the mean spend p·γ/(q-1) is γ.
  const start = options.start ?? { p: 1, q: 2, gamma: data.meanZ };
  const optimum = maximizeWithCaps(MODEL, objective, [Math.log(start.p), Math.log(start.q), Math.log((start.p * start.gamma) / start.q)], CAPPED, LOG_MAX, options);
  const params = paramsAt(optimum.x);
  const u = [Math.log(params.p), Math.log(params.q), Math.log(params.gamma)];
  const negativeGradient = (w: number[]) => logScaleAt(data, { p: Math.exp(w[0]), q: Math.exp(w[1]), gamma: Math.exp(w[2]) })?.gradient.map((g) => -g) ?? null;
  const atACap = u[0] > LOG_MAX - 1e-2 || u[1] > LOG_MAX - 1e-2;
  const seLog = atACap ? null : standardErrorsFromGradient(negativeGradient, u);
  const se = seLog ? logScaleToNatural(u, seLog) : null;
  return {
    params,
    logLikelihood: optimum.logLikelihood,
    iterations: optimum.iterations,
    evaluations: optimum.evaluations,
    converged: true,
    standardErrors: se ? { p: se[0], q: se[1], gamma: se[2] } : null,
    customers: data.customers,
  };
}

/**
 * Expected value of a transaction of a customer with x repeat transactions of mean zbar
 * (FHL 2005b, eq. 5): (γ + x·zbar)·p / (p·x + q - 1), a weighted mean of the population mean
 * p·γ/(q-1) and zbar. For x = 0 (or no valid zbar), the population mean. Null where the
 * posterior mean does not exist (p·x + q <= 1, e.g. q <= 1 for x = 0): no finite expectation.
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, zbar: number | null): number | null {
  const { p, q, gamma } = params;
  if (![p, q, gamma].every((v) => Number.isFinite(v) && v > 0)) {
    throw new RangeError(`${MODEL}: parameters must be finite and positive, got ${JSON.stringify(params)}`);
  }
  const useOwn = x >= 1 && zbar !== null && Number.isFinite(zbar) && zbar >= 0 && Number.isFinite(x);
  const n = useOwn ? x : 0;
  const denominator = p * n + q - 1;
  if (!(denominator > 0)) return null;
  const value = ((gamma + (useOwn ? n * (zbar as number) : 0)) * p) / denominator;
  return Number.isFinite(value) ? value : null;
}
