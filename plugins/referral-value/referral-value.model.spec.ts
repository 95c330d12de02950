import { describe, expect, it } from 'vitest';
import { LinkType, type MetricLink } from '../../src/plugin-api';
import { referralValue } from './referral-value.model';

const link = (type: LinkType, direction: 'OUT' | 'IN', customerId: number, clv: number | null, links?: MetricLink[]): MetricLink => ({
  type, direction, customerId, metrics: { clv }, ...(links ? { links } : {}),
});
const out = (id: number, clv: number | null, links?: MetricLink[]) => link(LinkType.REFERRED, 'OUT', id, clv, links);

/*
 * Customer 1 referred 2 (CLV 600) and 3 (CLV 100); 2 referred 4 (400) and 5 (no CLV), 3 referred 6 (160).
 * Ignored: 7 referred 1 (IN), 1 is a member of 8, 2 shares a household with 9, 6 was referred by 3 (IN).
 * depth 1: 600 + 100 = 700 over 2.  depth 2: 700 + w x (400 + 0 + 160) over 5: w = 1 -> 1260, w = 0.5 -> 980.
 */
const links: MetricLink[] = [
  out(2, 600, [out(4, 400), out(5, null), link(LinkType.HOUSEHOLD, 'OUT', 9, 50)]),
  out(3, 100, [out(6, 160, []), link(LinkType.REFERRED, 'IN', 10, 70)]),
  link(LinkType.REFERRED, 'IN', 7, 999),
  link(LinkType.MEMBER_OF, 'OUT', 8, 5000),
];

describe('referralValue', () => {
  it('sums the CLV of the direct referrals', () => {
    expect(referralValue(1, links, { depth: 1, secondLevelWeight: 1 })).toEqual({ value: 700, count: 2 });
    // The weight only applies to a second level.
    expect(referralValue(1, links, { depth: 1, secondLevelWeight: 0 })).toEqual({ value: 700, count: 2 });
  });

  it('adds the second level, weighted', () => {
    expect(referralValue(1, links, { depth: 2, secondLevelWeight: 1 })).toEqual({ value: 1260, count: 5 });
    expect(referralValue(1, links, { depth: 2, secondLevelWeight: 0.5 })).toEqual({ value: 980, count: 5 });
    // Weight 0: the second level still counts, worth nothing.
    expect(referralValue(1, links, { depth: 2, secondLevelWeight: 0 })).toEqual({ value: 700, count: 5 });
  });

  it('counts each customer once, at its nearest level, and never the customer itself', () => {
    // 1 referred 2 and 4 directly; 2 also referred 4 (direct wins: 400 at full weight), and 1 (a cycle back).
    // Two links to 3 count once. 0.5 x 30 for 5, reached through both 2 and 4.
    const tangled = [
      out(2, 600, [out(4, 400), out(1, 20), out(5, 30)]), out(4, 400, [out(5, 30)]), out(3, 100), out(3, 100),
    ];
    expect(referralValue(1, tangled, { depth: 1, secondLevelWeight: 0.5 })).toEqual({ value: 1100, count: 3 });
    expect(referralValue(1, tangled, { depth: 2, secondLevelWeight: 0.5 })).toEqual({ value: 1115, count: 4 });
  });

  it('counts referrals without a CLV as 0, and is null without any referral', () => {
    expect(referralValue(1, [out(2, null), out(3, null, [out(4, null)])], { depth: 2, secondLevelWeight: 1 })).toEqual({ value: 0, count: 3 });
    expect(referralValue(1, [out(2, -12.5), out(3, 0.1), out(4, 0.2)], { depth: 1, secondLevelWeight: 1 })).toEqual({ value: -12.2, count: 3 });
    expect(referralValue(1, [link(LinkType.REFERRED, 'IN', 7, 999), link(LinkType.BUYS_FOR, 'OUT', 8, 1)], { depth: 2, secondLevelWeight: 1 })).toBeNull();
    expect(referralValue(1, [], { depth: 1, secondLevelWeight: 1 })).toBeNull();
  });
});
