// What the BTYD plugins need from a model of the number of transactions (BG/NBD, Pareto/NBD...),
// so that population accumulation, stored-model checks and CLV scoring are written once.

/** A transaction model's fit, as its fitting function reports it. */
export interface TransactionFit<P> {
  params: P;
  logLikelihood: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  standardErrors: P | null;
  customers: number;
  distinctTuples: number;
}

/** A BTYD transaction model: its name, fit, P(alive) and conditional expectation. */
export interface TransactionModel<P> {
  /** e.g. 'Pareto/NBD': starts the messages of fit failures ("Pareto/NBD fit failed: ..."). */
  name: string;
  /**
   * Fits on weighted (x, t_x, T) tuples, packed as by RfTupleAccumulator.packed (and handed over:
   * empty afterwards), on a worker thread; rejects with ModelFitError when it cannot, and stops
   * when `signal` aborts.
   */
  fit: (tuples: Float64Array, signal?: AbortSignal) => Promise<TransactionFit<P>>;
  /** The parameters from a stored model (after its JSON round trip), or null when they are not valid. */
  readParams: (stored: unknown) => P | null;
  pAlive: (params: P, x: number, tx: number, T: number) => number;
  /** Expected transactions in the next t (same time unit as the fit). */
  expectedTransactions: (params: P, x: number, tx: number, T: number, t: number) => number;
}

/** Reads named positive, finite numbers from a stored object; null when any is missing or invalid. */
export function readPositiveNumbers<K extends string>(stored: unknown, names: readonly K[]): Record<K, number> | null {
  if (!stored || typeof stored !== 'object') return null;
  const source = stored as Record<string, unknown>;
  const out = {} as Record<K, number>;
  for (const name of names) {
    const v = source[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) return null;
    out[name] = v;
  }
  return out;
}
