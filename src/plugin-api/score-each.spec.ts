import { describe, expect, it } from 'vitest';
import type { ScoreOutcome } from './plugin.contract';
import { scoreEach } from './score-each';

// Subject n: 0 is not applicable, 3 throws an Error, 4 throws a string, others are doubled.
const score = (n: number): ScoreOutcome<{ doubled: number }> => {
  if (n === 0) return null;
  if (n === 3) throw new Error('three is bad');
  if (n === 4) throw 'four is worse';
  return { doubled: 2 * n };
};

describe('scoreEach', () => {
  it('passes values, null and returned errors through, one outcome per subject in order', () => {
    expect(scoreEach([1, 0, 2], score)).toEqual([{ doubled: 2 }, null, { doubled: 4 }]);
    expect(scoreEach([5], (): ScoreOutcome<number> => ({ error: 'returned, not thrown' }), 'p')).toEqual([{ error: 'returned, not thrown' }]);
  });

  it('turns a throw into an error for that subject only, keeping the others', () => {
    expect(scoreEach([1, 3, 2], score)).toEqual([{ doubled: 2 }, { error: 'three is bad' }, { doubled: 4 }]);
  });

  it('puts the prefix before the message when one is given', () => {
    expect(scoreEach([3, 1], score, 'my-plugin')).toEqual([{ error: 'my-plugin: three is bad' }, { doubled: 2 }]);
  });

  it('stringifies a thrown non-Error', () => {
    expect(scoreEach([4], score)).toEqual([{ error: 'four is worse' }]);
    expect(scoreEach([4], score, 'my-plugin')).toEqual([{ error: 'my-plugin: four is worse' }]);
  });

  it('returns an empty list for no subjects without calling score', () => {
    let calls = 0;
    expect(scoreEach([], () => { calls += 1; return null; })).toEqual([]);
    expect(calls).toBe(0);
  });
});
