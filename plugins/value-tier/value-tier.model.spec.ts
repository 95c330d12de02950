import { describe, expect, it } from 'vitest';
import type { ValueParts } from './value-parts.model';
import { isMvc, tierCuts, tierOf, topCount } from './value-tier.model';

describe('topCount', () => {
  it('is ceil(share x n), exact on decimal shares', () => {
    expect(topCount(0.1, 30)).toBe(3);
    expect(topCount(0.1, 31)).toBe(4);
    expect(topCount(0.1, 5)).toBe(1);
    expect(topCount(0.2, 8)).toBe(2);
    expect(topCount(0.25, 6)).toBe(2);
    expect(topCount(0.3, 10)).toBe(3);
    expect(topCount(0, 10)).toBe(0);
    expect(topCount(1, 7)).toBe(7);
    expect(topCount(0.1, 0)).toBe(0);
  });
});

describe('tierCuts', () => {
  it('cuts the top share by actual value, then the top share of the rest by growth gap', () => {
    // n = 8, mvc 0.2 -> 2: actuals desc 120, 50 | 40, 30, 30, 25, 20, 10 -> cut 50.
    // The 6 others, mgc 0.25 -> 2: known gaps desc 400, 200 | 180, 160, 100 (and one unknown) -> cut 200.
    const actuals = [120, 50, 40, 20, 30, 30, 10, 25];
    const gaps = [600, 1000, 200, 400, 160, 180, 100, Number.NaN];
    expect(tierCuts(actuals, gaps, { mvcShare: 0.2, mgcShare: 0.25 })).toEqual({ mvcCut: 50, mgcCut: 200 });
  });

  it('lets ties at the cut join, and ranks customers without a CLV last', () => {
    // 0.25 x 4 -> 1: cut 10, so all three tens are MVC; the 5 is left alone with no CLV.
    expect(tierCuts([10, 10, 10, 5], [1, 2, 3, Number.NaN], { mvcShare: 0.25, mgcShare: 1 })).toEqual({ mvcCut: 10, mgcCut: null });
    // 4 non-MVC, 0.5 -> 2, but only one has a CLV: its gap is the cut.
    expect(tierCuts([100, 1, 2, 3, 4], [5, Number.NaN, Number.NaN, 7, Number.NaN], { mvcShare: 0.2, mgcShare: 0.5 })).toEqual({ mvcCut: 100, mgcCut: 7 });
  });

  it('never makes an actual value of 0 or less most valuable', () => {
    // All zero: the cut is 0 but nobody passes it, so all four compete for MGC: 0.5 x 4 -> 2, gaps desc 9, 4.
    expect(tierCuts([0, 0, 0, 0], [1, 4, 9, 2], { mvcShare: 0.5, mgcShare: 0.5 })).toEqual({ mvcCut: 0, mgcCut: 4 });
    expect(isMvc(0, 0)).toBe(false);
    expect(isMvc(-3, -5)).toBe(false);
  });

  it('has no cut points without ranked customers or with shares of 0', () => {
    expect(tierCuts([], [], { mvcShare: 0.1, mgcShare: 0.1 })).toEqual({ mvcCut: null, mgcCut: null });
    expect(tierCuts([3, 2], [1, 1], { mvcShare: 0, mgcShare: 0 })).toEqual({ mvcCut: null, mgcCut: null });
  });
});

describe('tierOf', () => {
  const parts = (p: Partial<ValueParts>): ValueParts => ({ buyer: true, actual: 30, costToServe: 0, net: 30, clv: 100, potential: 130, ...p });
  const cuts = { mvcCut: 50, mgcCut: 200 };

  it('files BZ first, then MVC, then MGC, then OTHER', () => {
    expect(tierOf(parts({ actual: 500, net: -1, clv: 900 }), cuts)).toBe('BZ');
    expect(tierOf(parts({ actual: 50, net: 50, clv: 900 }), cuts)).toBe('MVC');
    expect(tierOf(parts({ clv: 200 }), cuts)).toBe('MGC');
    expect(tierOf(parts({ clv: 199.99 }), cuts)).toBe('OTHER');
    expect(tierOf(parts({ net: 0, clv: 250 }), cuts)).toBe('MGC');
  });

  it('needs a positive CLV for MGC and purchases for anything but BZ', () => {
    expect(tierOf(parts({ clv: null, potential: null }), cuts)).toBe('OTHER');
    expect(tierOf(parts({ clv: -5 }), { mvcCut: 50, mgcCut: -10 })).toBe('OTHER');
    expect(tierOf(parts({ buyer: false, actual: 0, net: 0 }), cuts)).toBeNull();
    expect(tierOf(parts({ buyer: false, actual: 0, costToServe: 5, net: -5 }), cuts)).toBe('BZ');
    expect(tierOf(parts({ actual: 999 }), { mvcCut: null, mgcCut: null })).toBe('OTHER');
  });
});
