import { logGamma } from '../../numerics/log-gamma';
import { digamma } from '../../numerics/digamma';
import { type FitLimits, fitOnLogScale } from './log-scale-fit';
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
  return { groups, customers, meanZ: customers > 0 ? weightedZ / customers : 0 };
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

const fromLog = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) });
const valid = (params: GammaGammaParams) => [params.p, params.q, params.gamma].every((u) => Number.isFinite(u) && u > 0);

/**
 * Fits the Gamma-Gamma by maximum likelihood on log-parameters (BFGS with the analytic gradient,
 * Nelder-Mead should it stall). Throws ModelFitError without usable rows or when it does not
 * converge within its limits (by default 5000 iterations and 60 s).
 */
export function fitGammaGamma(rows: GammaGammaRow[], options: GammaGammaFitOptions = {}): GammaGammaFit {
  const data = prepare(rows);
  if (data.customers === 0) throw new ModelFitError(MODEL, 'no repeat buyer with a positive mean repeat value');
  // Start at the scale of the data: with p = 1 and q = 2, the mean spend p·γ/(q-1) is γ.
  const start = options.start ?? { p: 1, q: 2, gamma: data.meanZ };
  const at = (v: number[]) => (valid(fromLog(v)) ? valueAndGradientOf(data, fromLog(v)) : null);
  const fit = fitOnLogScale(MODEL, { logLikelihood: (v) => at(v)?.value ?? null, withGradient: at }, [Math.log(start.p), Math.log(start.q), Math.log(start.gamma)], options);
  const [p, q, gamma] = fit.params;
  const se = fit.standardErrors;
  return {
    params: { p, q, gamma },
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    evaluations: fit.evaluations,
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
