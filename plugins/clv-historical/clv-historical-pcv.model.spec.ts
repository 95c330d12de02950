import { describe, expect, it } from 'vitest';
import { subjectFromInteractions, subjectFromPurchases } from '../../src/plugin-api';
import { clvHistoricalConfigSchema } from './clv-historical.config';
import { pastCustomerValue } from './clv-historical-pcv.model';

const asOf = new Date('2026-01-01T00:00:00Z');
const options = (o: Record<string, unknown> = {}) => clvHistoricalConfigSchema.parse(o);
const interactionsOf = (purchases: Parameters<typeof subjectFromPurchases>[0]) => subjectFromPurchases(purchases, asOf).interactions ?? [];

/*
 * With margins. Days to 2026-01-01 and whole mean months (days / 30.4375, rounded down):
 *   2025-12-15 purchase 100, margin 30:  17 d -> n 0  ->  30
 *   2025-11-01 refund 50, margin 10:     61 d -> n 2  -> -10 x 1.01^2  = -10.201
 *   2025-10-01 purchase 200, margin 50:  92 d -> n 3  ->  50 x 1.01^3  =  51.51505
 *   2024-12-01 purchase 300, margin 90: 396 d -> n 13 ->  90 x 1.01^13 = 102.428395...  (1.01^13 = 1.1380932804)
 * PCV = 30 - 10.201 + 51.51505 + 102.42839524 = 173.74244524 -> 173.7424 (4 decimals).
 * Yearly at 10%: n = days / 365.25 down: 0, 0, 0, 1 -> 30 - 10 + 50 + 99 = 169.
 */
const withMargins = interactionsOf([
  { at: '2024-12-01', amount: 300, margin: 90 }, { at: '2025-10-01', amount: 200, margin: 50 },
  { at: '2025-11-01', amount: 50, margin: 10, type: 'REFUND' }, { at: '2025-12-15', amount: 100, margin: 30 },
]);

/*
 * Without margins: on the amounts.
 *   2025-06-01 purchase 100: 214 d -> n 7 -> 100 x 1.01^7 = 107.21353521  (1.01^7 = 1.0721353521)
 *   2025-09-01 purchase 50:  122 d -> n 4 ->  50 x 1.01^4 =  52.0302005   (1.01^4 = 1.04060401)
 *   2025-09-15 refund 20:    108 d -> n 3 -> -20 x 1.01^3 = -20.60602
 * PCV = 138.63771571 -> 138.6377; with defaultMarginRatio 0.25: 34.6594289 -> 34.6594.
 */
const withoutMargins = interactionsOf([
  { at: '2025-06-01', amount: 100 }, { at: '2025-09-01', amount: 50 }, { at: '2025-09-15', amount: 20, type: 'REFUND' },
]);

describe('pastCustomerValue', () => {
  it('compounds each margin over the whole months to asOf', () => {
    expect(pastCustomerValue(withMargins, asOf, options())).toBe(173.7424);
  });

  it('compounds over whole years when told to', () => {
    expect(pastCustomerValue(withMargins, asOf, options({ pcvPeriod: 'year', pcvRate: 0.1 }))).toBe(169);
  });

  it('uses the amounts without margins, times defaultMarginRatio when set', () => {
    expect(pastCustomerValue(withoutMargins, asOf, options())).toBe(138.6377);
    expect(pastCustomerValue(withoutMargins, asOf, options({ defaultMarginRatio: 0.25 }))).toBe(34.6594);
  });

  it('equals the historical CLV at rate 0: margin 90 + 50 - 10 + 30 = 160, revenue 100 + 50 - 20 = 130', () => {
    expect(pastCustomerValue(withMargins, asOf, options({ pcvRate: 0 }))).toBe(160);
    expect(pastCustomerValue(withoutMargins, asOf, options({ pcvRate: 0 }))).toBe(130);
  });

  it('starts a period only once it is whole', () => {
    // One mean month before 2026-01-01T00:00Z is 2025-12-01T13:30Z: compounded once there, not a millisecond later.
    expect(pastCustomerValue(interactionsOf([{ at: '2025-12-01T13:30:00.000Z', amount: 100 }]), asOf, options())).toBe(101);
    expect(pastCustomerValue(interactionsOf([{ at: '2025-12-01T13:30:00.001Z', amount: 100 }]), asOf, options())).toBe(100);
  });

  it('is null without purchases, 0 for purchases in another currency only', () => {
    expect(pastCustomerValue([], asOf, options())).toBeNull();
    expect(pastCustomerValue(interactionsOf([{ at: '2025-06-01', amount: 10, type: 'REFUND' }]), asOf, options())).toBeNull();
    const foreign = subjectFromInteractions([{ at: '2025-06-01', type: 'PURCHASE', amount: 10, currency: 'EUR' }], asOf).interactions ?? [];
    expect(pastCustomerValue(foreign, asOf, options())).toBe(0);
  });

  it('stays finite or says why: a century at 100% a month overflows', () => {
    const old = interactionsOf([{ at: '1926-01-01', amount: 1 }]);
    expect(() => pastCustomerValue(old, asOf, options({ pcvRate: 1 }))).toThrow(/overflows/);
  });
});
