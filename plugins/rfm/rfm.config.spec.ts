import { describe, expect, it } from 'vitest';
import { rfmConfigSchema } from './rfm.config';

const messages = (input: unknown): string[] => {
  const result = rfmConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

// Three bins, and a catch-all last so every cell has a name.
const threeBinRules = [
  { name: 'Best', r: [3, 3], f: [2, 3] },
  { name: 'Rest', r: [1, 3], f: [1, 3] },
];

describe('rfmConfigSchema', () => {
  it('fills every default from an empty object', () => {
    expect(rfmConfigSchema.parse({})).toEqual({
      monetary: 'total',
      windowDays: null,
      bins: 5,
      thresholds: null,
      scoreWeights: { r: 1, f: 1, m: 1 },
      segmentRules: null,
    });
  });

  it('accepts the README example and a null score', () => {
    expect(rfmConfigSchema.parse({ monetary: 'average', windowDays: 365, scoreWeights: null })).toMatchObject({
      monetary: 'average', windowDays: 365, scoreWeights: null,
    });
  });

  it('rejects bins other than 5 without segmentRules, saying why', () => {
    expect(messages({ bins: 3 })).toEqual([
      'segmentRules: the built-in segment map is defined for 5 bins; with bins = 3, give segmentRules (or use bins = 5)',
    ]);
  });

  it('accepts bins = 3 with rules that cover every cell', () => {
    expect(messages({ bins: 3, segmentRules: threeBinRules })).toEqual([]);
  });

  it('rejects rules that leave a cell without a name, naming the first one', () => {
    // Only r = 3 is covered, so the first cell in r-f-m order, 1-1-1, has no rule.
    const [problem] = messages({ bins: 3, segmentRules: [{ name: 'Top', r: [3, 3], f: [1, 3] }] });
    expect(problem).toContain('no rule matches cell 1-1-1');
  });

  it('rejects rule ranges outside 1..bins or upside down', () => {
    expect(messages({ bins: 3, segmentRules: [{ name: 'All', r: [1, 4], f: [1, 3] }] })).toEqual([
      'segmentRules.0.r: scores only go up to bins = 3',
    ]);
    expect(messages({ bins: 3, segmentRules: [{ name: 'All', r: [3, 1], f: [1, 3] }] })[0]).toContain('min <= max');
    expect(messages({ bins: 3, segmentRules: [{ name: 'All', r: [0, 3], f: [1, 3] }] })).toHaveLength(1);
  });

  it('checks that thresholds have bins - 1 strictly ascending cut points', () => {
    const ok = { recency: [7, 30, 90, 180], frequency: [1, 2, 4, 8], monetary: [50, 100, 250, 500] };
    expect(messages({ thresholds: ok })).toEqual([]);
    expect(messages({ thresholds: { ...ok, frequency: [1, 2, 4] } })).toEqual(['thresholds.frequency: needs bins - 1 = 4 cut points, got 3']);
    expect(messages({ thresholds: { ...ok, recency: [7, 90, 30, 180] } })).toEqual(['thresholds.recency: cut points must be strictly ascending']);
    expect(messages({ thresholds: { ...ok, monetary: [50, 100, 100, 500] } })).toEqual(['thresholds.monetary: cut points must be strictly ascending']);
  });

  it('rejects out-of-range scalars and unknown keys', () => {
    for (const bad of [{ bins: 1 }, { bins: 11 }, { bins: 4.5 }, { windowDays: 0 }, { windowDays: -30 }, { monetary: 'median' },
      { scoreWeights: { r: -1, f: 1, m: 1 } }, { windowDay: 365 }]) {
      expect(rfmConfigSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
