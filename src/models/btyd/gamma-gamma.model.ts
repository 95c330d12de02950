import { logScaleToNatural, standardErrors as hessianStandardErrors } from '../../numerics/hessian';
import { logGamma } from '../../numerics/log-gamma';
import { minimize } from '../../numerics/minimize';
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

export interface GammaGammaFitOptions {
  maxIterations?: number;
  tolerance?: number;
  start?: GammaGammaParams;
}

const MODEL = 'Gamma-Gamma';

/**
 * The weighted log-likelihood of mean values: x·zbar is Gamma(px, ν), so integrating ν out gives
 *   ln f(zbar | x) = lnΓ(px+q) - lnΓ(px) - lnΓ(q) + q ln γ + px ln x + (px-1) ln zbar - (px+q) ln(γ + x·zbar).
 * Rows with x < 1 or zbar <= 0 carry no spend information and are skipped.
 */
export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParams, rows: GammaGammaRow[]): number {
  const lgq = logGamma(q);
  const logGammaScale = Math.log(gamma);
  let total = 0;
  for (const { x, zbar, weight } of rows) {
    if (!(x >= 1 && zbar > 0 && weight > 0)) continue;
    const px = p * x;
    total += weight * (logGamma(px + q) - logGamma(px) - lgq + q * logGammaScale + px * Math.log(x)
      + (px - 1) * Math.log(zbar) - (px + q) * Math.log(gamma + x * zbar));
  }
  return total;
}

/**
 * Fits the Gamma-Gamma by maximum likelihood on log-parameters. Throws ModelFitError without
 * usable rows or when the optimiser does not converge.
 */
export function fitGammaGamma(rows: GammaGammaRow[], options: GammaGammaFitOptions = {}): GammaGammaFit {
  const usable = rows.filter((row) => row.x >= 1 && row.zbar > 0 && row.weight > 0 && Number.isFinite(row.zbar) && Number.isFinite(row.weight) && Number.isFinite(row.x));
  const customers = usable.reduce((s, row) => s + row.weight, 0);
  if (customers === 0) throw new ModelFitError(MODEL, 'no repeat buyer with a positive mean repeat value');
  const negLogLik = (v: number[]) => {
    const params = { p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) };
    if (!Object.values(params).every((u) => Number.isFinite(u) && u > 0)) return Number.POSITIVE_INFINITY;
    return -gammaGammaLogLikelihood(params, usable);
  };
  // Start at the scale of the data: with p = 1 and q = 2, the mean spend p·γ/(q-1) is γ.
  const meanZ = usable.reduce((s, row) => s + row.weight * row.zbar, 0) / customers;
  const start = options.start ?? { p: 1, q: 2, gamma: meanZ };
  const x0 = [Math.log(start.p), Math.log(start.q), Math.log(start.gamma)];
  const result = minimize(negLogLik, x0, { maxIterations: options.maxIterations ?? 5000, tolerance: options.tolerance ?? 1e-10 });
  if (!result.converged) throw new ModelFitError(MODEL, result.reason, result.iterations);
  const seLog = hessianStandardErrors(negLogLik, result.x);
  const se = seLog ? logScaleToNatural(result.x, seLog) : null;
  return {
    params: { p: Math.exp(result.x[0]), q: Math.exp(result.x[1]), gamma: Math.exp(result.x[2]) },
    logLikelihood: -result.value,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: true,
    standardErrors: se ? { p: se[0], q: se[1], gamma: se[2] } : null,
    customers,
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
