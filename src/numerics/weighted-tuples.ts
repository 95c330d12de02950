import { WeightedRows } from './weighted-rows';

// Customers collapsed to distinct (x, t_x, T) tuples with a weight: BTYD likelihoods depend on a
// customer only through these, and real data (integer purchase days) repeats them heavily.

/** One distinct (frequency, recency, age) tuple and how many customers share it. */
export interface RfTuple {
  /** Repeat transactions. */
  x: number;
  /** Time of the last transaction since the first (0 when x = 0). */
  tx: number;
  /** Time since the first transaction to the observation end. */
  T: number;
  /** Customers with exactly this tuple (may be fractional when callers weight customers). */
  weight: number;
}

/**
 * Accumulates tuples incrementally, so a plugin streaming the population in batches keeps only
 * the distinct tuples (see {@link WeightedRows}). Keys are the exact numbers (no rounding): -0 and
 * 0 are the same key.
 */
export class RfTupleAccumulator {
  private readonly rows = new WeightedRows(3);

  /** Adds `weight` customers with (x, tx, T). Non-finite numbers or a non-positive weight are ignored. */
  add(x: number, tx: number, T: number, weight = 1): void {
    if (!Number.isFinite(x) || !Number.isFinite(tx) || !Number.isFinite(T) || !(weight > 0) || !Number.isFinite(weight)) return;
    this.rows.push(weight, x, tx, T);
  }

  /** Distinct tuples so far. */
  get size(): number {
    return this.rows.size;
  }

  /** Sum of the weights added. */
  get weight(): number {
    return this.rows.weight;
  }

  /** The distinct tuples, ordered by x, then tx, then T. */
  tuples(): RfTuple[] {
    return unpackRfTuples(this.packed());
  }

  /** The distinct tuples as (x, tx, T, weight) quadruples, unordered (see {@link unpackRfTuples}). */
  packed(): Float64Array {
    return this.rows.packed();
  }
}

/** The tuples of {@link RfTupleAccumulator.packed}, ordered by x, then tx, then T. */
export function unpackRfTuples(packed: Float64Array): RfTuple[] {
  const out: RfTuple[] = [];
  for (let i = 0; i + 3 < packed.length; i += 4) out.push({ x: packed[i], tx: packed[i + 1], T: packed[i + 2], weight: packed[i + 3] });
  return out.sort((p, q) => p.x - q.x || p.tx - q.tx || p.T - q.T);
}

/** Collapses rows to distinct (x, tx, T) tuples, each weighted by how many rows share it. */
export function collapseRfTuples(rows: Iterable<{ x: number; tx: number; T: number }>): RfTuple[] {
  const accumulator = new RfTupleAccumulator();
  for (const row of rows) accumulator.add(row.x, row.tx, row.T);
  return accumulator.tuples();
}

/**
 * A tuple checked for a BTYD likelihood: x a non-negative integer, T finite and >= 0, a positive
 * finite weight (throws a RangeError naming `model` otherwise), and t_x within [0, T] (it only
 * matters for repeat buyers: 0 when x = 0).
 */
export function checkedTuple(model: string, t: RfTuple): RfTuple {
  const { x, T, weight } = t;
  if (!(Number.isInteger(x) && x >= 0 && T >= 0 && Number.isFinite(T) && weight > 0 && Number.isFinite(weight))) {
    throw new RangeError(`${model}: invalid tuple x=${x}, tx=${t.tx}, T=${T}, weight=${weight}`);
  }
  return { x, tx: x === 0 ? 0 : Math.min(Math.max(t.tx, 0), T), T, weight };
}
