import { minimizeWithGradient } from '../../numerics/bfgs';
import { logScaleToNatural, standardErrors as hessianStandardErrors } from '../../numerics/hessian';
import { minimize } from '../../numerics/minimize';
import { ModelFitError } from './model-fit-error';

// Maximum likelihood on log-parameters for the models with an analytic gradient (BG/NBD,
// Gamma-Gamma, Pareto/NBD): each keeps only its likelihood, its start and the names of its
// parameters. Pareto/NBD, which optimises a bounded reparametrisation, takes only the optimiser.

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

/**
 * Maximises `objective` from `v0`: BFGS with the analytic gradient first (few passes over the
 * data); should it stall, Nelder-Mead carries on from where it stopped. Throws ModelFitError,
 * naming `model`, when neither converges.
 */
export function maximizeOnLogScale(model: string, objective: LogScaleObjective, v0: number[], options: { maxIterations: number; tolerance: number }): LogScaleOptimum {
  const negWithGradient = (v: number[]) => {
    const at = objective.withGradient(v);
    return at ? { value: -at.value, gradient: at.gradient.map((d) => -d) } : { value: Number.POSITIVE_INFINITY, gradient: v.map(() => 0) };
  };
  const quasiNewton = minimizeWithGradient(negWithGradient, v0, options);
  let result = quasiNewton;
  if (!quasiNewton.converged) {
    const start = Number.isFinite(quasiNewton.value) ? quasiNewton.x : v0;
    const simplex = minimize(negativeOf(objective), start, { maxIterations: Math.max(1, options.maxIterations - quasiNewton.iterations) });
    result = { ...simplex, iterations: quasiNewton.iterations + simplex.iterations, evaluations: quasiNewton.evaluations + simplex.evaluations };
  }
  if (!result.converged) throw new ModelFitError(model, result.reason, result.iterations);
  return { x: result.x, logLikelihood: -result.value, iterations: result.iterations, evaluations: result.evaluations };
}

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
 * optimisers do not converge.
 */
export function fitOnLogScale(model: string, objective: LogScaleObjective, v0: number[], options: { maxIterations: number; tolerance: number }): LogScaleFit {
  const optimum = maximizeOnLogScale(model, objective, v0, options);
  const seLog = hessianStandardErrors(negativeOf(objective), optimum.x);
  return {
    params: optimum.x.map(Math.exp),
    logLikelihood: optimum.logLikelihood,
    iterations: optimum.iterations,
    evaluations: optimum.evaluations,
    standardErrors: seLog ? logScaleToNatural(optimum.x, seLog) : null,
  };
}
