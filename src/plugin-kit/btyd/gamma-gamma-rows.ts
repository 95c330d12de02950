import type { GammaGammaRow } from './gamma-gamma.model';

/**
 * Collects the Gamma-Gamma inputs (x, zbar) of repeat buyers batch by batch, merging identical
 * pairs into a weight so that memory grows with distinct pairs, not customers.
 */
export class GammaGammaRowAccumulator {
  private readonly byX = new Map<number, Map<number, GammaGammaRow>>();
  private count = 0;

  /** Adds a repeat buyer with x >= 1 valued transactions of mean zbar > 0; anything else is ignored. */
  add(x: number, zbar: number | null, weight = 1): void {
    if (!(x >= 1 && Number.isFinite(x) && zbar !== null && zbar > 0 && Number.isFinite(zbar) && weight > 0)) return;
    let byZ = this.byX.get(x);
    if (!byZ) {
      byZ = new Map();
      this.byX.set(x, byZ);
    }
    const row = byZ.get(zbar);
    if (row) row.weight += weight;
    else byZ.set(zbar, { x, zbar, weight });
    this.count += weight;
  }

  /** Sum of the weights added. */
  get customers(): number {
    return this.count;
  }

  /** The distinct rows (copies). */
  rows(): GammaGammaRow[] {
    return [...this.byX.values()].flatMap((byZ) => [...byZ.values()].map((row) => ({ ...row })));
  }
}
