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
    const out: GammaGammaRow[] = [];
    this.pairs.forEach((r) => out.push({ x: r[0], zbar: r[1], weight: r[2] }));
    return out;
  }
}
