import { describe, expect, it } from 'vitest';
import { BUILT_IN_SEGMENT_RULES, firstUncoveredCell, segmentFor } from './rfm-segments';

const NAMES = [
  'Champions', 'Loyal Customers', 'Potential Loyalists', 'New Customers', 'Promising', 'Need Attention',
  'About To Sleep', 'At Risk', "Can't Lose Them", 'Hibernating', 'Lost',
];

describe('built-in segment map', () => {
  it('names every one of the 125 cells and uses all 11 names', () => {
    const cellsPerName = new Map<string, number>();
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        for (let m = 1; m <= 5; m++) {
          const name = segmentFor(r, f, m, BUILT_IN_SEGMENT_RULES);
          expect(name, `${r}-${f}-${m}`).not.toBeNull();
          if (name) cellsPerName.set(name, (cellsPerName.get(name) ?? 0) + 1);
        }
      }
    }
    expect([...cellsPerName.keys()].sort()).toEqual([...NAMES].sort());
    expect(firstUncoveredCell(BUILT_IN_SEGMENT_RULES, 5)).toBeNull();
    // Cell counts worked out from the rule table (README), first match wins:
    // Champions r4-5 f4-5 m4-5 = 2*2*2 = 8; Loyal r3-5 f4-5 = 30 cells minus Champions' 8 = 22;
    // Can't Lose Them r1-2 f4-5 m4-5 = 8; At Risk r1-2 f3-5 = 30 minus 8 = 22; New r5 f1 = 5;
    // Potential Loyalists r4-5 f2-3 = 20; Promising r4 f1 = 5; Need Attention r3 f2-3 = 10;
    // About To Sleep r3 f1 = 5; Hibernating r2 f1-2 = 10; Lost r1 f1-2 = 10. Total 125.
    expect(Object.fromEntries(cellsPerName)).toEqual({
      Champions: 8, 'Loyal Customers': 22, "Can't Lose Them": 8, 'At Risk': 22, 'New Customers': 5,
      'Potential Loyalists': 20, Promising: 5, 'Need Attention': 10, 'About To Sleep': 5, Hibernating: 10, Lost: 10,
    });
  });

  it('puts the typical cells where the names say', () => {
    const name = (r: number, f: number, m: number) => segmentFor(r, f, m, BUILT_IN_SEGMENT_RULES);
    expect(name(5, 5, 5)).toBe('Champions');
    expect(name(5, 5, 1)).toBe('Loyal Customers');
    expect(name(5, 1, 5)).toBe('New Customers');
    expect(name(1, 5, 5)).toBe("Can't Lose Them");
    expect(name(1, 5, 2)).toBe('At Risk');
    expect(name(2, 3, 5)).toBe('At Risk');
    expect(name(1, 1, 1)).toBe('Lost');
    expect(name(2, 1, 5)).toBe('Hibernating');
  });

  it('takes the first matching rule and returns null when none matches', () => {
    const rules = [{ name: 'A', r: [2, 3], f: [1, 3] }, { name: 'B', r: [1, 3], f: [1, 3], m: [3, 3] }] as const;
    expect(segmentFor(2, 1, 3, rules)).toBe('A');
    expect(segmentFor(1, 1, 3, rules)).toBe('B');
    expect(segmentFor(1, 1, 2, rules)).toBeNull();
    expect(firstUncoveredCell(rules, 3)).toBe('1-1-1');
  });
});
