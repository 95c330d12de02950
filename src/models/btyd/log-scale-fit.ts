import { minimizeWithGradient } from '../../numerics/bfgs';
import { logScaleToNatural, standardErrors as hessianStandardErrors } from '../../numerics/hessian';
import { minimize } from '../../numerics/minimize';
import { ModelFitError } from './model-fit-error';

// Maximum likelihood on log-parameters for the models with an analytic gradient (BG/NBD,
// Gamma-Gamma): each keeps only its likelihood, its start and the names of its parameters.

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

/**
 * Maximises `objective` from the log-parameters `v0`: BFGS with the analytic gradient first (few
 * passes over the data); should it stall, Nelder-Mead carries on from where it stopped. Throws
 * ModelFitError, naming `model`, when neither converges.
 */
export function fitOnLogScale(model: string, objective: LogScaleObjective, v0: number[], options: { maxIterations: number; tolerance: number }): LogScaleFit {
  const negLogLik = (v: number[]) => {
    const value = objective.logLikelihood(v);
    return value === null ? Number.POSITIVE_INFINITY : -value;
  };
  const negWithGradient = (v: number[]) => {
    const at = objective.withGradient(v);
    return at ? { value: -at.value, gradient: at.gradient.map((d) => -d) } : { value: Number.POSITIVE_INFINITY, gradient: v.map(() => 0) };
  };
  const quasiNewton = minimizeWithGradient(negWithGradient, v0, options);
  let result = quasiNewton;
  if (!quasiNewton.converged) {
    const start = Number.isFinite(quasiNewton.value) ? quasiNewton.x : v0;
    const simplex = minimize(negLogLik, start, { maxIterations: Math.max(1, options.maxIterations - quasiNewton.iterations) });
    result = { ...simplex, iterations: quasiNewton.iterations + simplex.iterations, evaluations: quasiNewton.evaluations + simplex.evaluations };
  }
  if (!result.converged) throw new ModelFitError(model, result.reason, result.iterations);
  const seLog = hessianStandardErrors(negLogLik, result.x);
  return {
    params: result.x.map(Math.exp),
    logLikelihood: -result.value,
    iterations: result.iterations,
    evaluations: result.evaluations,
    standardErrors: seLog ? logScaleToNatural(result.x, seLog) : null,
  };
}
