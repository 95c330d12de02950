import { RfTupleAccumulator } from '../../numerics/weighted-tuples';
import type { BtydSummary, TimeUnit } from './btyd-summary';
import { ModelFitError } from './model-fit-error';
import type { TransactionModel } from './transaction-model';

// What a BTYD plugin keeps while the population streams by, for any transaction model: distinct
// (x, t_x, T) tuples and a count of repeat buyers, never the subjects.

/** The fit diagnostics a BTYD plugin reports (plain JSON). */
export type BtydFitDiagnostics<P> = {
  converged: boolean;
  iterations: number;
  evaluations: number;
  logLikelihood: number;
  standardErrors: P | null;
  /** Customers with a purchase (the fitted population). */
  customers: number;
  repeatBuyers: number;
  distinctTuples: number;
  fitMs: number;
};

/** The stored transaction model: the parameters and the time unit they are in. */
export type StoredTransactionModel<P> = { params: P; unit: TimeUnit };

/** Accumulates customers' BTYD summaries batch by batch and fits a transaction model on them. */
export class BtydPopulation<P> {
  private readonly tuples = new RfTupleAccumulator();
  private repeat = 0;

  constructor(private readonly model: TransactionModel<P>) {}

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
   * Fits the model. Throws ModelFitError when fewer than `minRepeatBuyers` customers have a repeat
   * purchase (purchase and dropout processes cannot be told apart) or the optimiser does not
   * converge; the optimiser runs on a worker thread, stopped by `signal`.
   */
  async fit(minRepeatBuyers: number, signal?: AbortSignal): Promise<{ params: P; diagnostics: BtydFitDiagnostics<P> }> {
    if (this.repeat < minRepeatBuyers) {
      throw new ModelFitError(
        this.model.name,
        `only ${this.repeat} of ${this.customers} customers with purchases have a repeat purchase; at least ${minRepeatBuyers} (minRepeatBuyers) are needed`,
      );
    }
    const started = performance.now();
    const fit = await this.model.fit(this.tuples.packed(), signal);
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

/**
 * Reads a stored transaction model (after its JSON round trip). Throws when its shape is wrong:
 * a broken model concerns every customer, not one.
 */
export function readStoredTransactionModel<P>(stored: Record<string, unknown>, model: TransactionModel<P>, plugin: string): StoredTransactionModel<P> {
  const params = model.readParams(stored.params);
  const unit = stored.unit;
  if (!params || (unit !== 'day' && unit !== 'week')) {
    throw new Error(`${plugin}: the stored model has no valid ${model.name} parameters and unit; refresh the metrics`);
  }
  return { params, unit };
}
