import { RfTupleAccumulator } from '../../numerics/weighted-tuples';
import { type BgNbdParams, fitBgNbd } from './bgnbd.model';
import type { BtydSummary, TimeUnit } from './btyd-summary';
import { ModelFitError } from './model-fit-error';

// What a BG/NBD plugin keeps while the population streams by: distinct (x, t_x, T) tuples only.

/** The fit diagnostics a BG/NBD plugin reports (plain JSON). */
export type BgNbdFitDiagnostics = {
  converged: boolean;
  iterations: number;
  evaluations: number;
  logLikelihood: number;
  standardErrors: BgNbdParams | null;
  /** Customers with a purchase (the fitted population). */
  customers: number;
  repeatBuyers: number;
  distinctTuples: number;
  fitMs: number;
};

/** Accumulates customers' summaries batch by batch. */
export class BgNbdPopulation {
  private readonly tuples = new RfTupleAccumulator();
  private repeat = 0;

  add(summary: BtydSummary): void {
    this.tuples.add(summary.x, summary.tx, summary.T);
    if (summary.x > 0) this.repeat += 1;
  }

  get repeatBuyers(): number {
    return this.repeat;
  }

  get customers(): number {
    return this.tuples.weight;
  }

  /**
   * Fits the BG/NBD. Throws ModelFitError when fewer than `minRepeatBuyers` customers have a repeat
   * purchase (the dropout process cannot be identified) or the optimiser does not converge.
   */
  fit(minRepeatBuyers: number): { params: BgNbdParams; diagnostics: BgNbdFitDiagnostics } {
    if (this.repeat < minRepeatBuyers) {
      throw new ModelFitError('BG/NBD', `only ${this.repeat} of ${this.customers} customers with purchases have a repeat purchase; at least ${minRepeatBuyers} (minRepeatBuyers) are needed`);
    }
    const started = performance.now();
    const fit = fitBgNbd(this.tuples.tuples());
    return {
      params: fit.params,
      diagnostics: {
        converged: fit.converged, iterations: fit.iterations, evaluations: fit.evaluations, logLikelihood: fit.logLikelihood,
        standardErrors: fit.standardErrors, customers: fit.customers, repeatBuyers: this.repeat, distinctTuples: fit.distinctTuples,
        fitMs: Math.round(performance.now() - started),
      },
    };
  }
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * Reads BG/NBD parameters and the time unit from a stored model (after its JSON round trip).
 * Throws when the shape is wrong: a broken model concerns every customer.
 */
export function readBgNbdModel(model: Record<string, unknown>, plugin: string): { params: BgNbdParams; unit: TimeUnit } {
  const params = model.params as Record<string, unknown> | null | undefined;
  const unit = model.unit;
  if (!params || typeof params !== 'object' || ![params.r, params.alpha, params.a, params.b].every(positive) || (unit !== 'day' && unit !== 'week')) {
    throw new Error(`${plugin}: the stored model has no valid BG/NBD parameters and unit; refresh the metrics`);
  }
  return { params: { r: params.r as number, alpha: params.alpha as number, a: params.a as number, b: params.b as number }, unit };
}
