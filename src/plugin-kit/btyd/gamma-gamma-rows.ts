import { WeightedRows } from '../../numerics/weighted-rows';
import type { GammaGammaRow } from './gamma-gamma.model';

/**
 * Collects the Gamma-Gamma inputs (x, zbar) of repeat buyers batch by batch, merging identical
 * pairs into a weight so that memory grows with distinct pairs, not customers (see WeightedRows).
 */
export class GammaGammaRowAccumulator {
  private readonly pairs = new WeightedRows(2);

  /** Adds a repeat buyer with x >= 1 valued transactions of mean zbar > 0; anything else is ignored. */
  add(x: number, zbar: number | null, weight = 1): void {
    if (!(x >= 1 && Number.isFinite(x) && zbar !== null && zbar > 0 && Number.isFinite(zbar) && weight > 0)) return;
    this.pairs.push(weight, x, zbar);
  }

  /** Sum of the weights added. */
  get customers(): number {
    return this.pairs.weight;
  }

  /** The distinct rows, by x then zbar. */
  rows(): GammaGammaRow[] {
    return unpackGammaGammaRows(this.packed());
  }

  /** The distinct rows as (x, zbar, weight) triples, unordered (see {@link unpackGammaGammaRows}). */
  packed(): Float64Array {
    return this.pairs.packed();
  }
}

/** The rows of {@link GammaGammaRowAccumulator.packed}, ordered by x, then zbar. */
export function unpackGammaGammaRows(packed: Float64Array): GammaGammaRow[] {
  const out: GammaGammaRow[] = [];
  for (let i = 0; i + 2 < packed.length; i += 3) out.push({ x: packed[i], zbar: packed[i + 1], weight: packed[i + 2] });
  return out.sort((p, q) => p.x - q.x || p.zbar - q.zbar);
}
