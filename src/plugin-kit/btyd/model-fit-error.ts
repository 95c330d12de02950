/**
 * A model could not be fitted to the population: the optimiser did not converge, or the data
 * cannot identify the model (e.g. too few repeat buyers). The message names the model, the reason
 * and, for an optimiser failure, the iteration count.
 */
export class ModelFitError extends Error {
  constructor(
    /** e.g. 'BG/NBD', 'Gamma-Gamma'. */
    readonly model: string,
    readonly reason: string,
    /** Optimiser iterations spent, when an optimiser ran. */
    readonly iterations: number | null = null,
  ) {
    super(`${model} fit failed: ${reason}${iterations === null ? '' : ` (after ${iterations} iterations)`}`);
    this.name = 'ModelFitError';
  }
}

/**
 * A fit's answer from a worker thread: its value, or its ModelFitError as data, since an Error
 * loses its class between threads.
 */
export type FitOutcome<T> = { ok: true; value: T } | { ok: false; model: string; reason: string; iterations: number | null };

/** Runs `fit`, turning a ModelFitError into a failed outcome (any other error is thrown). */
export function fitOutcome<T>(fit: () => T): FitOutcome<T> {
  try {
    return { ok: true, value: fit() };
  } catch (e) {
    if (!(e instanceof ModelFitError)) throw e;
    return { ok: false, model: e.model, reason: e.reason, iterations: e.iterations };
  }
}

/** The value of an outcome; throws its ModelFitError when it failed. */
export function fittedValue<T>(outcome: FitOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new ModelFitError(outcome.model, outcome.reason, outcome.iterations);
}
