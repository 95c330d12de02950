import { describe, expect, it } from 'vitest';
import { subjectFromInteractions, subjectFromPurchases } from '../../src/plugin-api';
import { pActiveChurn } from './churn-p-active.model';

const asOf = new Date('2026-01-01T00:00:00Z');
const MONTH_MS = 30.4375 * 86_400_000;
// The 12-month window starts 12 mean months (365.25 days) before asOf: 2024-12-31T18:00Z.
const start = asOf.getTime() - 12 * MONTH_MS;
const month = (m: number): Date => new Date(start + m * MONTH_MS);
const purchasesAt = (...at: Date[]) => subjectFromPurchases(at.map((d) => ({ at: d, amount: 10 })), asOf).interactions ?? [];

describe('pActiveChurn', () => {
  it("reproduces DOMAIN §6's example: 4 purchases, the last in month 8 of 12", () => {
    // Purchases at the end of months 2, 4, 6 and 8 of the window: n = 4, T = 8/12, P = (8/12)^4 = 16/81 = 0.198.
    const churn = pActiveChurn(purchasesAt(month(2), month(4), month(6), month(8)), asOf, 12);
    expect(churn?.pAlive).toBe((8 / 12) ** 4);
    expect(churn?.pAlive).toBeCloseTo(0.198, 3);
    expect(churn?.probability).toBeCloseTo(0.802, 3);
    expect(churn?.probability).toBeCloseTo(65 / 81, 12);
    expect(churn?.reason).toBe('4 purchase days, last at 67% of the window');
  });

  it('counts same-day purchases once and ignores purchases before the window', () => {
    // Two purchases on the day of month 6 (2025-07-02T08:59Z and 09:00Z) and one a year before the window: n = 1, T = 6/12, P = 0.5.
    const churn = pActiveChurn(purchasesAt(new Date(start - 12 * MONTH_MS), new Date(month(6).getTime() - 60_000), month(6)), asOf, 12);
    expect(churn).toEqual({ probability: 0.5, pAlive: 0.5, reason: '1 purchase day, last at 50% of the window' });
  });

  it('is certain of activity for a purchase at asOf', () => {
    expect(pActiveChurn(purchasesAt(asOf), asOf, 12)).toEqual({ probability: 0, pAlive: 1, reason: '1 purchase day, last at 100% of the window' });
  });

  it('opens the window at its start: with 6 months, the month-6 purchase falls just outside', () => {
    // The 6-month window starts at 2025-07-02T09:00Z = month(6): only the month-8 purchase is inside, at (8 - 6) / 6 = 1/3.
    const churn = pActiveChurn(purchasesAt(month(2), month(4), month(6), month(8)), asOf, 6);
    expect(churn?.pAlive).toBeCloseTo(1 / 3, 12);
    expect(churn?.reason).toBe('1 purchase day, last at 33% of the window');
  });

  it('is churned without a purchase in the window, and not applicable without any purchase', () => {
    expect(pActiveChurn(purchasesAt(new Date('2024-06-01T00:00:00Z')), asOf, 12)).toEqual({
      probability: 1, pAlive: 0, reason: 'no purchase in the last 12 months',
    });
    const visitor = subjectFromInteractions([{ at: month(5), type: 'VISIT' }, { at: month(6), type: 'REFUND', amount: 5 }], asOf).interactions ?? [];
    expect(pActiveChurn(visitor, asOf, 12)).toBeNull();
  });
});
