import { describe, expect, it } from 'vitest';
import { WeightedRows } from './weighted-rows';

/** The distinct rows, in ascending key order (packed() gives them in order of first appearance). */
const rowsOf = (w: WeightedRows) => {
  const packed = w.packed();
  const stride = packed.length / w.size;
  const out: number[][] = [];
  for (let i = 0; i < packed.length; i += stride) out.push([...packed.subarray(i, i + stride)]);
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
};

describe('WeightedRows', () => {
  it('merges equal keys through many growths of a small table', () => {
    // 5,000 rows over 3 * 7 * 11 = 231 distinct keys, from room for 8 rows: the table grows and rehashes often.
    const w = new WeightedRows(3, 8);
    const expected = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const k = [i % 3, i % 7, (i * 13) % 11];
      const weight = 1 + (i % 4) / 4;
      w.push(weight, k[0], k[1], k[2]);
      expected.set(k.join(','), (expected.get(k.join(',')) ?? 0) + weight);
    }
    const rows = rowsOf(w);
    expect(rows.map((r) => r.slice(0, 3).join(','))).toEqual([...expected.keys()].sort((a, b) => {
      const [p, q] = [a.split(',').map(Number), b.split(',').map(Number)];
      return p[0] - q[0] || p[1] - q[1] || p[2] - q[2];
    }));
    for (const r of rows) expect(r[3]).toBeCloseTo(expected.get(r.slice(0, 3).join(','))!, 10);
    expect(w.size).toBe(expected.size);
    expect(w.weight).toBeCloseTo([...expected.values()].reduce((a, b) => a + b, 0), 8);
  });

  it('treats 0 and -0 as one key and keeps close numbers apart', () => {
    const w = new WeightedRows(2, 2);
    w.push(1, 0, -0);
    w.push(2, -0, 0);
    w.push(1, 1 / 7, 1);
    w.push(1, 0.142857, 1);
    expect(rowsOf(w)).toEqual([[0, 0, 3], [0.142857, 1, 1], [1 / 7, 1, 1]]);
    expect(Object.is(rowsOf(w)[0][0], -0)).toBe(false);
  });

  it('keeps rows added after a read', () => {
    const w = new WeightedRows(1);
    w.push(1, 5);
    expect(w.size).toBe(1);
    w.push(1, 5);
    w.push(1, 4);
    expect(rowsOf(w)).toEqual([[4, 1], [5, 2]]);
  });
});
