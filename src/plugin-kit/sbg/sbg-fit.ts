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
  /** Asymptotic standard errors of α and β (delta method from the log-scale fit); null when the information matrix is not invertible. */
  standardErrors: SbgParams | null;
}

/** Options of the fits. */
export interface SbgFitOptions {
  /** Iteration cap of the optimiser (default: its own). */
  maxIterations?: number;
}

/** Optimisation is on (ln α, ln β); beyond e^±40 the model has degenerated (no heterogeneity, or none retained). */
const LOG_BOUND = 40;

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
 * Fits α and β by maximum likelihood on individual histories (grouped as the caller likes).
 * Throws a RangeError on malformed observations, and a ModelFitError when the data cannot
 * identify the model (no churn at all, nobody ever renewing) or the optimiser does not converge.
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
  const negLogLik = (x: number[]): number => {
    if (Math.abs(x[0]) > LOG_BOUND || Math.abs(x[1]) > LOG_BOUND) return Number.POSITIVE_INFINITY;
    // Per customer, so that the optimiser's relative tolerance means the same at any population size.
    return -sbgLogLikelihood({ alpha: Math.exp(x[0]), beta: Math.exp(x[1]) }, observations) / total;
  };
  const result = minimize(negLogLik, [0, 0], { maxIterations: options.maxIterations });
  const [logAlpha, logBeta] = result.x;
  const atBound = Math.max(Math.abs(logAlpha), Math.abs(logBeta)) > LOG_BOUND - 1;
  if (!result.converged || atBound || !Number.isFinite(result.value)) {
    const where = `alpha = ${Math.exp(logAlpha).toPrecision(4)}, beta = ${Math.exp(logBeta).toPrecision(4)}`;
    const why = atBound ? 'the parameters ran off to a boundary (the data look homogeneous or degenerate)' : result.reason;
    throw new ModelFitError('sBG', `did not converge: ${why}; last point ${where}`, result.iterations);
  }
  const params = { alpha: Math.exp(logAlpha), beta: Math.exp(logBeta) };
  const seLog = standardErrors((x) => negLogLik(x) * total, result.x);
  const se = seLog ? logScaleToNatural(result.x, seLog) : null;
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
