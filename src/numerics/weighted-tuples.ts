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
 * the distinct tuples. Keys are the exact numbers (no rounding): -0 and 0 are the same key.
 */
export class RfTupleAccumulator {
  // Nested maps avoid building a string key per customer.
  private readonly byX = new Map<number, Map<number, Map<number, RfTuple>>>();
  private count = 0;
  private totalWeight = 0;

  /** Adds `weight` customers with (x, tx, T). Non-finite numbers or a non-positive weight are ignored. */
  add(x: number, tx: number, T: number, weight = 1): void {
    if (!Number.isFinite(x) || !Number.isFinite(tx) || !Number.isFinite(T) || !(weight > 0) || !Number.isFinite(weight)) return;
    let byTx = this.byX.get(x);
    if (!byTx) {
      byTx = new Map();
      this.byX.set(x, byTx);
    }
    let byT = byTx.get(tx);
    if (!byT) {
      byT = new Map();
      byTx.set(tx, byT);
    }
    const tuple = byT.get(T);
    if (tuple) {
      tuple.weight += weight;
    } else {
      byT.set(T, { x: x + 0, tx: tx + 0, T: T + 0, weight });
      this.count += 1;
    }
    this.totalWeight += weight;
  }

  /** Distinct tuples so far. */
  get size(): number {
    return this.count;
  }

  /** Sum of the weights added. */
  get weight(): number {
    return this.totalWeight;
  }

  /** The distinct tuples, copies, ordered by x, then tx, then T. */
  tuples(): RfTuple[] {
    const out: RfTuple[] = [];
    for (const byTx of this.byX.values()) {
      for (const byT of byTx.values()) for (const t of byT.values()) out.push({ ...t });
    }
    return out.sort((p, q) => p.x - q.x || p.tx - q.tx || p.T - q.T);
  }
}

/** Collapses rows to distinct (x, tx, T) tuples, each weighted by how many rows share it. */
export function collapseRfTuples(rows: Iterable<{ x: number; tx: number; T: number }>): RfTuple[] {
  const accumulator = new RfTupleAccumulator();
  for (const row of rows) accumulator.add(row.x, row.tx, row.T);
  return accumulator.tuples();
}
