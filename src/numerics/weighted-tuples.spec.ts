import { describe, expect, it } from 'vitest';
import { collapseRfTuples, RfTupleAccumulator } from './weighted-tuples';

describe('collapseRfTuples', () => {
  it('merges identical (x, tx, T) into a weight and keeps distinct ones apart', () => {
    const tuples = collapseRfTuples([
      { x: 0, tx: 0, T: 10 }, { x: 2, tx: 5, T: 10 }, { x: 0, tx: 0, T: 10 },
      { x: 2, tx: 5, T: 10 }, { x: 2, tx: 5, T: 11 }, { x: 0, tx: 0, T: 10 },
    ]);
    expect(tuples).toEqual([
      { x: 0, tx: 0, T: 10, weight: 3 },
      { x: 2, tx: 5, T: 10, weight: 2 },
      { x: 2, tx: 5, T: 11, weight: 1 },
    ]);
  });

  it('keys on exact numbers: 1/7 and 0.142857 differ', () => {
    expect(collapseRfTuples([{ x: 1, tx: 1 / 7, T: 1 }, { x: 1, tx: 0.142857, T: 1 }])).toHaveLength(2);
  });
});

describe('RfTupleAccumulator', () => {
  it('accumulates across batches with weights, counting customers and distinct tuples', () => {
    const acc = new RfTupleAccumulator();
    acc.add(1, 2, 3);
    acc.add(1, 2, 3, 4);
    acc.add(0, 0, 3);
    acc.add(0, -0, 3, 0.5);
    expect(acc.size).toBe(2);
    expect(acc.weight).toBe(6.5);
    expect(acc.tuples()).toEqual([{ x: 0, tx: 0, T: 3, weight: 1.5 }, { x: 1, tx: 2, T: 3, weight: 5 }]);
  });

  it('ignores non-finite numbers and non-positive weights', () => {
    const acc = new RfTupleAccumulator();
    acc.add(Number.NaN, 0, 1);
    acc.add(0, 0, Number.POSITIVE_INFINITY);
    acc.add(0, 0, 1, 0);
    acc.add(0, 0, 1, -2);
    expect(acc.size).toBe(0);
    expect(acc.tuples()).toEqual([]);
  });

  it('returns copies: mutating the output leaves the accumulator alone', () => {
    const acc = new RfTupleAccumulator();
    acc.add(1, 1, 1);
    acc.tuples()[0].weight = 99;
    expect(acc.tuples()[0].weight).toBe(1);
  });
});
