import { describe, expect, it } from 'vitest';
import { GammaGammaRowAccumulator } from './gamma-gamma-rows';

describe('GammaGammaRowAccumulator', () => {
  it('merges identical (x, zbar) and ignores non-repeat or non-positive values', () => {
    const rows = new GammaGammaRowAccumulator();
    rows.add(2, 10);
    rows.add(2, 10);
    rows.add(1, 10);
    rows.add(0, 10);
    rows.add(3, null);
    rows.add(3, 0);
    expect(rows.customers).toBe(3);
    expect(rows.rows()).toEqual([{ x: 1, zbar: 10, weight: 1 }, { x: 2, zbar: 10, weight: 2 }]);
  });
});
