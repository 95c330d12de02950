import { describe, expect, it } from 'vitest';
import { subjectFromInteractions } from '../../plugin-api/testing/plugin-harness';
import { lastMonths } from './observation-window';
import { netRevenueIn, roundMoney } from './window-revenue';

const asOf = new Date('2026-01-01T00:00:00Z');

describe('netRevenueIn', () => {
  it('sums purchases minus refunds in the window, base currency only', () => {
    /*
     * 12 mean months back is 2024-12-31T18:00Z. Inside: purchases 0.1 + 0.2 and 50 (the 70 in EUR
     * adds nothing), a refund of 20: 0.1 + 0.2 + 50 - 20 = 30.3. Outside: the 1000 of 2024-06-01.
     */
    const { interactions = [] } = subjectFromInteractions([
      { at: '2024-06-01T00:00:00Z', type: 'PURCHASE', amount: 1000 },
      { at: '2025-02-01T00:00:00Z', type: 'PURCHASE', amount: 0.1 },
      { at: '2025-02-02T00:00:00Z', type: 'PURCHASE', amount: 0.2 },
      { at: '2025-05-01T00:00:00Z', type: 'PURCHASE', amount: 70, currency: 'EUR' },
      { at: '2025-06-01T00:00:00Z', type: 'PURCHASE', amount: 50 },
      { at: '2025-07-01T00:00:00Z', type: 'REFUND', amount: 20 },
      { at: '2025-08-01T00:00:00Z', type: 'VISIT' },
    ], asOf);
    expect(netRevenueIn(interactions, lastMonths(asOf, 12))).toBe(30.3);
    // Two months back (2025-11-01T03:00Z): nothing inside.
    expect(netRevenueIn(interactions, lastMonths(asOf, 2))).toBe(0);
  });

  it('is negative when a refund in the window outweighs its purchases', () => {
    const { interactions = [] } = subjectFromInteractions([
      { at: '2024-06-01T00:00:00Z', type: 'PURCHASE', amount: 100 },
      { at: '2025-06-01T00:00:00Z', type: 'REFUND', amount: 100 },
    ], asOf);
    expect(netRevenueIn(interactions, lastMonths(asOf, 12))).toBe(-100);
  });

  it('rounds to the stored 4 decimals', () => {
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
    expect(roundMoney(1.23456)).toBe(1.2346);
  });
});
