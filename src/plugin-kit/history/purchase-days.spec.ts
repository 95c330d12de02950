import { describe, expect, it } from 'vitest';
import { subjectFromInteractions } from '../../plugin-api/testing/plugin-harness';
import { lastMonths } from './observation-window';
import { dayGaps, lastPurchaseAt, purchaseDays } from './purchase-days';
import { utcDay } from './time-units';

const asOf = '2026-01-01T00:00:00Z';
const day = (iso: string) => utcDay(new Date(iso));

/*
 * Purchases on 2024-12-01, 2025-03-10 (twice, one of them in EUR), 2025-03-11 and 2025-12-31;
 * a refund and a visit that mark no day. Distinct days: 4; gaps 99, 1, 295 days
 * (2024-12-01 -> 2025-03-10: 30 + 31 + 28 + 10 = 99; 2025-03-11 -> 2025-12-31: 365 - 70 = 295).
 */
const { interactions = [] } = subjectFromInteractions([
  { at: '2024-12-01T10:00:00Z', type: 'PURCHASE', amount: 10 },
  { at: '2025-03-10T08:00:00Z', type: 'PURCHASE', amount: 20 },
  { at: '2025-03-10T21:00:00Z', type: 'PURCHASE', amount: 5, currency: 'EUR' },
  { at: '2025-03-11T01:00:00Z', type: 'PURCHASE', amount: 30 },
  { at: '2025-06-01T00:00:00Z', type: 'REFUND', amount: 5 },
  { at: '2025-07-01T00:00:00Z', type: 'VISIT' },
  { at: '2025-12-31T23:00:00Z', type: 'PURCHASE', amount: 40 },
], asOf);

describe('purchaseDays', () => {
  it('lists distinct UTC purchase days, ascending', () => {
    const days = purchaseDays(interactions);
    expect(days).toEqual([day('2024-12-01'), day('2025-03-10'), day('2025-03-11'), day('2025-12-31')]);
    expect(dayGaps(days)).toEqual([99, 1, 295]);
  });

  it('keeps only the window when given one', () => {
    // Six mean months (182.625 days) before 2026-01-01 is 2025-07-02T09:00Z: only the last purchase is inside.
    expect(purchaseDays(interactions, lastMonths(new Date(asOf), 6))).toEqual([day('2025-12-31')]);
    expect(dayGaps([day('2025-12-31')])).toEqual([]);
  });
});

describe('lastPurchaseAt', () => {
  it('is the latest purchase, in the window when given', () => {
    expect(lastPurchaseAt(interactions)?.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    // Four mean months (121.75 days) before 2025-07-01 is 2025-03-01T06:00Z: the March purchases are the latest inside.
    expect(lastPurchaseAt(interactions, lastMonths(new Date('2025-07-01T00:00:00Z'), 4))?.toISOString()).toBe('2025-03-11T01:00:00.000Z');
    // Three mean months (91.3125 days) back is 2025-03-31T16:30Z: no purchase between then and 2025-07-01.
    expect(lastPurchaseAt(interactions, lastMonths(new Date('2025-07-01T00:00:00Z'), 3))).toBeNull();
    expect(lastPurchaseAt([])).toBeNull();
  });
});
