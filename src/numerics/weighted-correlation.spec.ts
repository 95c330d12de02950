import { describe, expect, it } from 'vitest';
import { weightedCorrelation } from './weighted-correlation';

describe('weightedCorrelation', () => {
  it('is ±1 on a line and a weight counts as repeated rows', () => {
    expect(weightedCorrelation([{ a: 1, b: 2, weight: 1 }, { a: 2, b: 4, weight: 3 }, { a: 3, b: 6, weight: 1 }])).toBeCloseTo(1, 14);
    expect(weightedCorrelation([{ a: 1, b: 5, weight: 2 }, { a: 2, b: 3, weight: 1 }])).toBeCloseTo(-1, 14);
    // (1,1) twice, (2,3), (3,2): means 7/4 and 7/4; cov = Σ w(a-7/4)(b-7/4) = 2·(9/16) + (1/4)(5/4) + (5/4)(1/4) = 14/8;
    // var a = 2·(9/16) + 1/16 + 25/16 = 44/16 = var b, so r = (14/8) / (44/16) = 7/11.
    const twice = weightedCorrelation([{ a: 1, b: 1, weight: 2 }, { a: 2, b: 3, weight: 1 }, { a: 3, b: 2, weight: 1 }]);
    expect(twice).toBeCloseTo(7 / 11, 14);
  });

  it('is null without weight or variance', () => {
    expect(weightedCorrelation([])).toBeNull();
    expect(weightedCorrelation([{ a: 1, b: 2, weight: 1 }, { a: 1, b: 3, weight: 1 }])).toBeNull();
  });
});
