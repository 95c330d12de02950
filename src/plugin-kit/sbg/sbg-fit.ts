// Maximum-likelihood fits of the sBG model, from individual renewal histories or from a
// cohort's aggregate survival curve (Fader & Hardie 2007, section "Parameter estimation").
import { logScaleToNatural, standardErrors } from '../../numerics/hessian';
import { minimize } from '../../numerics/minimize';
import { ModelFitError } from '../btyd/model-fit-error';
import { type SbgParams, sbgLogChurnAt, sbgLogSurvival } from './sbg.model';

/**
 * One group of customers with the same history. `churned`: they churned in period
 * `periodsSurvived` (T = periodsSurvived >= 1, i.e. made periodsSurvived - 1 renewals), contributing
 * P(T = t). Otherwise they are still customers after `periodsSurvived` renewals (T > t), contributing S(t).
 */
export interface SbgObservation {
  periodsSurvived: number;
  churned: boolean;
  /** How many customers share this history (> 0; need not be whole). */
  weight: number;
}

/** The outcome of a converged sBG fit. */
export interface SbgFit {
  params: SbgParams;
  /** Σ weight · ln(contribution) at the optimum. */
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Asymptotic standard errors of α and β (delta method from the log-scale fit); null when the information matrix is not invertible, or α + β is near its cap. */
  standardErrors: SbgParams | null;
}

/** Options of the fits. */
export interface SbgFitOptions {
  /** Iteration cap of the optimiser (default: its own). */
  maxIterations?: number;
}

/**
 * The largest concentration κ = α + β the fit considers. On data with little heterogeneity in the
 * churn probability θ, the likelihood keeps rising, ever more slowly, along α, β → ∞ with the mean
 * θ = α / κ fixed (one churn probability for everyone: the geometric model), and the optimiser
 * walked off along it until its iteration limit (α = 1.8e6, β = 6.9e7 on the demo data). At
 * κ = 1e6, θ's coefficient of variation is below 1% for any mean above 1e-2, and the retention
 * curve is within about 1e-5 (relative) of the geometric limit over a hundred periods.
 */
export const SBG_MAX_CONCENTRATION = 1e6;
const LOG_MAX_CONCENTRATION = Math.log(SBG_MAX_CONCENTRATION);
/** Beyond e^±40 on the other coordinates the model has degenerated (a mean θ of 0 or 1, or no concentration). */
const LOG_BOUND = 40;

/**
 * The fit's coordinates v = (ln κ, logit θ̄): the ridge above is the first alone, clamped at its
 * cap (see the wall in fitSbg).
 */
function paramsAt(v: readonly number[]): SbgParams {
  const kappa = v[0] >= LOG_MAX_CONCENTRATION ? SBG_MAX_CONCENTRATION : Math.exp(v[0]);
  const mean = 1 / (1 + Math.exp(-v[1]));
  return { alpha: kappa * mean, beta: kappa * (1 - mean) };
}

function checkObservations(observations: readonly SbgObservation[]): void {
  observations.forEach((o, i) => {
    const min = o.churned ? 1 : 0;
    if (!Number.isInteger(o.periodsSurvived) || o.periodsSurvived < min) {
      throw new RangeError(`observations[${i}].periodsSurvived must be an integer >= ${min}${o.churned ? ' for a churned customer' : ''}, got ${o.periodsSurvived}`);
    }
    if (!(o.weight > 0) || !Number.isFinite(o.weight)) {
      throw new RangeError(`observations[${i}].weight must be finite and > 0, got ${o.weight}`);
    }
  });
}

/** The log-likelihood of the observations under the parameters. */
export function sbgLogLikelihood(p: SbgParams, observations: readonly SbgObservation[]): number {
  let sum = 0;
  for (const o of observations) {
    sum += o.weight * (o.churned ? sbgLogChurnAt(p, o.periodsSurvived) : sbgLogSurvival(p, o.periodsSurvived));
  }
  return sum;
}

/**
 * Fits α and β by maximum likelihood on individual histories (grouped as the caller likes), with
 * α + β at most {@link SBG_MAX_CONCENTRATION} (homogeneous data end there, at the geometric model
 * for their mean churn probability). Throws a RangeError on malformed observations, and a
 * ModelFitError when the data cannot identify the model (no churn at all, nobody ever renewing)
 * or the optimiser does not converge.
 */
export function fitSbg(observations: readonly SbgObservation[], options: SbgFitOptions = {}): SbgFit {
  checkObservations(observations);
  if (!observations.some((o) => o.churned)) {
    throw new ModelFitError('sBG', 'no customer churned, so the churn probability cannot be estimated (its maximum-likelihood value is 0)');
  }
  // Only those who renewed at least once tell the model anything about renewals.
  if (!observations.some((o) => (o.churned ? o.periodsSurvived > 1 : o.periodsSurvived > 0))) {
    throw new ModelFitError('sBG', 'no customer ever renewed, so the renewal probability cannot be estimated (its maximum-likelihood value is 0)');
  }
  const total = observations.reduce((sum, o) => sum + o.weight, 0);
  const negLogLik = (v: number[]): number => {
    if (v[0] < -LOG_BOUND || Math.abs(v[1]) > LOG_BOUND) return Number.POSITIVE_INFINITY;
    // Per customer, so that the optimiser's relative tolerance means the same at any population size.
    // Past the cap a quadratic wall: a flat likelihood there would let the simplex drift along ln κ
    // and never agree on a point.
    const wall = v[0] > LOG_MAX_CONCENTRATION ? (v[0] - LOG_MAX_CONCENTRATION) ** 2 : 0;
    return -sbgLogLikelihood(paramsAt(v), observations) / total + wall;
  };
  // α = β = 1 (θ uniform): κ = 2, mean 1/2.
  const result = minimize(negLogLik, [Math.log(2), 0], { maxIterations: options.maxIterations });
  const params = paramsAt(result.x);
  const atBound = result.x[0] < 1 - LOG_BOUND || Math.abs(result.x[1]) > LOG_BOUND - 1;
  if (!result.converged || atBound || !Number.isFinite(result.value)) {
    const where = `alpha = ${params.alpha.toPrecision(4)}, beta = ${params.beta.toPrecision(4)}`;
    const why = atBound ? 'the parameters ran off to a boundary (the data look degenerate)' : result.reason;
    throw new ModelFitError('sBG', `did not converge: ${why}; last point ${where}`, result.iterations);
  }
  // Standard errors on (ln α, ln β); none within a factor of 10 of the cap, where the likelihood
  // is flat along κ to the optimiser's tolerance: the data do not pin it down.
  const u = [Math.log(params.alpha), Math.log(params.beta)];
  const atCap = result.x[0] > LOG_MAX_CONCENTRATION - Math.LN10;
  const seLog = atCap ? null : standardErrors((w) => -sbgLogLikelihood({ alpha: Math.exp(w[0]), beta: Math.exp(w[1]) }, observations), u);
  const se = seLog ? logScaleToNatural(u, seLog) : null;
  return {
    params,
    logLikelihood: -result.value * total,
    iterations: result.iterations,
    converged: true,
    standardErrors: se && se.every(Number.isFinite) ? { alpha: se[0], beta: se[1] } : null,
  };
}

/** Options of {@link fitSbgFromSurvival}. */
export interface SbgSurvivalFitOptions extends SbgFitOptions {
  /** Multiplies the survival values into customer counts (default 1: the values are used as given). */
  cohortSize?: number;
}

/**
 * Fits α and β on one cohort's survival curve: `survival[t]` is the share (or count) of the cohort
 * still a customer at the start of period t, t = 0..n, non-increasing. As in Fader & Hardie (2007),
 * the S(t - 1) - S(t) lost in period t contribute P(T = t) each and the S(n) survivors S(n).
 *
 * The likelihood is weighted by the values as given (times `cohortSize`): pass counts, or shares
 * with `cohortSize`, for standard errors of the right size; the estimates do not depend on it.
 */
export function fitSbgFromSurvival(survival: readonly number[], options: SbgSurvivalFitOptions = {}): SbgFit {
  const size = options.cohortSize ?? 1;
  if (!(size > 0) || !Number.isFinite(size)) throw new RangeError(`cohortSize must be finite and > 0, got ${size}`);
  if (survival.length < 2) throw new RangeError('the survival curve needs at least periods 0 and 1');
  survival.forEach((s, t) => {
    if (!(s >= 0) || !Number.isFinite(s)) throw new RangeError(`survival[${t}] must be finite and >= 0, got ${s}`);
    if (t > 0 && s > survival[t - 1]) throw new RangeError(`survival[${t}] = ${s} is above survival[${t - 1}] = ${survival[t - 1]}: a cohort can only shrink`);
  });
  if (!(survival[0] > 0)) throw new RangeError('survival[0] (the cohort at acquisition) must be > 0');
  const observations: SbgObservation[] = [];
  for (let t = 1; t < survival.length; t++) {
    const lost = (survival[t - 1] - survival[t]) * size;
    if (lost > 0) observations.push({ periodsSurvived: t, churned: true, weight: lost });
  }
  const n = survival.length - 1;
  if (survival[n] > 0) observations.push({ periodsSurvived: n, churned: false, weight: survival[n] * size });
  return fitSbg(observations, options);
}
