import { BFGS_DEFAULT_TOLERANCE, minimizeWithGradient } from '../../numerics/bfgs';
import { deadlineAfter, TIME_LIMIT_REASON } from '../../numerics/deadline';
import { logScaleToNatural, standardErrors as hessianStandardErrors } from '../../numerics/hessian';
import { minimize } from '../../numerics/minimize';
import { ModelFitError } from './model-fit-error';

// Maximum likelihood on log-parameters for the models with an analytic gradient (BG/NBD,
// Gamma-Gamma, Pareto/NBD): each keeps only its likelihood, its start and the names of its
// parameters. Pareto/NBD and Gamma-Gamma, which optimise a capped reparametrisation, take only
// the optimiser (maximizeWithCaps).

/** How long and how precisely a BTYD fit may run; the fit options of every BTYD model extend it. */
export interface FitLimits {
  /** Cap on optimiser iterations, BFGS and the Nelder-Mead fallback together (default 5000). */
  maxIterations?: number;
  /**
   * BFGS's relative tolerance (default 1e-13, BFGS_DEFAULT_TOLERANCE): it stops when the predicted
   * gain ½·gᵀH⁻¹g in ln L is at most tolerance·(1 + |ln L|) (see minimizeWithGradient). Relative,
   * so that it stays above the rounding of ln L at any population size: an absolute 1e-9 cannot
   * be met at a million customers (|ln L| ~ 1e7, known to about 1e-8).
   */
  tolerance?: number;
  /**
   * Wall-clock limit of the optimisation in ms (default 60,000; Infinity for none), BFGS and the
   * Nelder-Mead fallback together; past it the fit fails with a ModelFitError naming the limit.
   */
  maxMillis?: number;
}

/** The defaults of {@link FitLimits}. */
export const DEFAULT_FIT_LIMITS: Readonly<Required<FitLimits>> = { maxIterations: 5000, tolerance: BFGS_DEFAULT_TOLERANCE, maxMillis: 60_000 };

/** A log-likelihood over log-parameters; null where they make no valid model. */
export interface LogScaleObjective {
  logLikelihood: (v: number[]) => number | null;
  /** ln L and its gradient with respect to the log-parameters. */
  withGradient: (v: number[]) => { value: number; gradient: number[] } | null;
}

/** The optimum, in the order of the starting point. */
export interface LogScaleFit {
  /** The parameters on their natural scale. */
  params: number[];
  logLikelihood: number;
  iterations: number;
  evaluations: number;
  /** Natural-scale standard errors (delta method); null when the Hessian is not positive definite. */
  standardErrors: number[] | null;
}

/** Where {@link maximizeOnLogScale} stopped, in the coordinates of the starting point. */
export interface LogScaleOptimum {
  x: number[];
  logLikelihood: number;
  iterations: number;
  evaluations: number;
}

/** A {@link LogScaleObjective} flat beyond a cap in some coordinates (see {@link maximizeWithCaps}). */
export interface CappedObjective extends LogScaleObjective {
  /** The gradient at `v` as if the caps were not there: whether ln L still rises at a cap. */
  unclampedGradient: (v: number[]) => number[] | null;
}

/**
 * Maximises `objective` (see {@link maximizeOnLogScale}) where coordinates `capped` are bounded
 * above by `logCap`: the objective clamps them there, so it is flat beyond. On data where ln L
 * keeps rising along such a coordinate the search stops beyond the cap, and the cap is the
 * optimum; if ln L falls there instead, the optimum is inside, searched for again from just below.
 */
export function maximizeWithCaps(
  model: string, objective: CappedObjective, v0: number[], capped: number[], logCap: number, limits: FitLimits = {}, startedAt: number = performance.now(),
): LogScaleOptimum {
  const optimum = maximizeOnLogScale(model, objective, v0, limits, startedAt);
  const beyond = capped.filter((i) => optimum.x[i] > logCap);
  if (!beyond.length) return optimum;
  const x = optimum.x.map((u, i) => (beyond.includes(i) ? logCap : u));
  const atCap = objective.unclampedGradient(x);
  if (!atCap || !beyond.some((i) => atCap[i] < 0)) return { ...optimum, x };
  const again = maximizeOnLogScale(model, objective, x.map((u, i) => (beyond.includes(i) ? logCap - 1 : u)), limits, startedAt);
  return { ...again, iterations: optimum.iterations + again.iterations, evaluations: optimum.evaluations + again.evaluations };
}

/**
 * Maximises `objective` from `v0`: BFGS with the analytic gradient first (few passes over the
 * data); should it stall, Nelder-Mead carries on from where it stopped, until the same deadline:
 * `limits.maxMillis` after `startedAt` (default now; a fit made of several searches passes the
 * start of the first). Throws ModelFitError, naming `model`, when neither converges in time.
 */
export function maximizeOnLogScale(model: string, objective: LogScaleObjective, v0: number[], limits: FitLimits = {}, startedAt: number = performance.now()): LogScaleOptimum {
  const { maxIterations, tolerance, maxMillis } = withDefaults(limits);
  const deadline = deadlineAfter(maxMillis, startedAt);
  const negWithGradient = (v: number[]) => {
    const at = objective.withGradient(v);
    return at ? { value: -at.value, gradient: at.gradient.map((d) => -d) } : { value: Number.POSITIVE_INFINITY, gradient: v.map(() => 0) };
  };
  const quasiNewton = minimizeWithGradient(negWithGradient, v0, { maxIterations, tolerance, deadline });
  let result = quasiNewton;
  if (!quasiNewton.converged && quasiNewton.reason !== TIME_LIMIT_REASON) {
    const start = Number.isFinite(quasiNewton.value) ? quasiNewton.x : v0;
    const simplex = minimize(negativeOf(objective), start, { maxIterations: Math.max(1, maxIterations - quasiNewton.iterations), deadline });
    result = { ...simplex, iterations: quasiNewton.iterations + simplex.iterations, evaluations: quasiNewton.evaluations + simplex.evaluations };
  }
  if (!result.converged) {
    const reason = result.reason === TIME_LIMIT_REASON ? `time limit of ${formatMillis(maxMillis)} reached before convergence` : result.reason;
    throw new ModelFitError(model, reason, result.iterations);
  }
  return { x: result.x, logLikelihood: -result.value, iterations: result.iterations, evaluations: result.evaluations };
}

function withDefaults(limits: FitLimits): Required<FitLimits> {
  return {
    maxIterations: limits.maxIterations ?? DEFAULT_FIT_LIMITS.maxIterations,
    tolerance: limits.tolerance ?? DEFAULT_FIT_LIMITS.tolerance,
    maxMillis: limits.maxMillis ?? DEFAULT_FIT_LIMITS.maxMillis,
  };
}

/** 60000 → '60 s', 250 → '250 ms'. */
const formatMillis = (ms: number): string => (ms >= 1000 ? `${Number((ms / 1000).toPrecision(3))} s` : `${Number(ms.toPrecision(3))} ms`);

/** -ln L, +Infinity where the parameters make no valid model. */
function negativeOf(objective: LogScaleObjective): (v: number[]) => number {
  return (v) => {
    const value = objective.logLikelihood(v);
    return value === null ? Number.POSITIVE_INFINITY : -value;
  };
}

/**
 * Maximises `objective` from the log-parameters `v0` (see {@link maximizeOnLogScale}) and takes
 * delta-method standard errors at the optimum. Throws ModelFitError, naming `model`, when the
 * optimisers do not converge within `limits`.
 */
export function fitOnLogScale(model: string, objective: LogScaleObjective, v0: number[], limits: FitLimits = {}): LogScaleFit {
  const optimum = maximizeOnLogScale(model, objective, v0, limits);
  const seLog = hessianStandardErrors(negativeOf(objective), optimum.x);
  return {
    params: optimum.x.map(Math.exp),
    logLikelihood: optimum.logLikelihood,
    iterations: optimum.iterations,
    evaluations: optimum.evaluations,
    standardErrors: seLog ? logScaleToNatural(optimum.x, seLog) : null,
  };
}
