import { describe, expect, it } from 'vitest';
import { subjectFromInteractions, subjectFromPurchases } from '../../src/plugin-api';
import { clvHistoricalConfigSchema } from './clv-historical.config';
import { historicalClv } from './clv-historical.model';

const asOf = '2026-01-01T00:00:00Z';
const defaults = clvHistoricalConfigSchema.parse({});

describe('historicalClv', () => {
  it('is the net margin when margins are recorded, with the ratio it implies', () => {
    // Bought 100 (margin 40) and 300 (margin 90), refunded 100 (margin 30): revenue 300, margin 100, ratio 1/3.
    // Net order value 300 / 2 purchases = 150.
    const { summary } = subjectFromPurchases([
      { at: '2025-01-10', amount: 100, margin: 40 }, { at: '2025-03-10', amount: 300, margin: 90 },
      { at: '2025-04-01', amount: 100, margin: 30, type: 'REFUND' },
    ], asOf);
    expect(historicalClv(summary, defaults, 'USD')).toEqual({
      value: 100, currency: 'USD', horizonMonths: null, discountRate: null, expectedPurchases: null, expectedAverageOrderValue: 150,
      basis: 'MARGIN',
      inputs: [
        { name: 'netRevenue', value: 300, source: 'CUSTOMER' },
        { name: 'netMargin', value: 100, source: 'CUSTOMER' },
        { name: 'marginRatio', value: 1 / 3, source: 'CUSTOMER' },
      ],
    });
  });

  it('keeps the margin but lists no ratio when nothing is left of the revenue', () => {
    // Bought 80 (margin 20), refunded 80 with no margin back: revenue 0, margin 20.
    const { summary } = subjectFromPurchases([{ at: '2025-01-10', amount: 80, margin: 20 }, { at: '2025-01-11', amount: 80, type: 'REFUND' }], asOf);
    expect(historicalClv(summary, defaults, 'USD')).toMatchObject({
      value: 20, basis: 'MARGIN', expectedAverageOrderValue: 0,
      inputs: [{ name: 'netRevenue', value: 0, source: 'CUSTOMER' }, { name: 'netMargin', value: 20, source: 'CUSTOMER' }],
    });
  });

  it('applies defaultMarginRatio without margins, else stays on revenue', () => {
    // Revenue 120 + 80 = 200, no margins: 200 x 0.3 = 60 (MARGIN), or 200 on revenue.
    const { summary } = subjectFromPurchases([{ at: '2025-01-10', amount: 120 }, { at: '2025-02-10', amount: 80 }], asOf);
    expect(historicalClv(summary, clvHistoricalConfigSchema.parse({ defaultMarginRatio: 0.3 }), 'USD')).toMatchObject({
      value: 60, basis: 'MARGIN', expectedAverageOrderValue: 100,
      inputs: [{ name: 'netRevenue', value: 200, source: 'CUSTOMER' }, { name: 'marginRatio', value: 0.3, source: 'CONFIG' }],
    });
    expect(historicalClv(summary, defaults, 'USD')).toMatchObject({
      value: 200, basis: 'REVENUE',
      inputs: [{ name: 'netRevenue', value: 200, source: 'CUSTOMER' }, { name: 'marginRatio', value: 1, source: 'CONFIG' }],
    });
  });

  it('counts margins that net to zero as a recorded zero, and purchases without margins as revenue', () => {
    // Margins +10 and -10: recorded, and they net to 0.
    const { summary } = subjectFromPurchases([{ at: '2025-01-10', amount: 50, margin: 10 }, { at: '2025-02-10', amount: 50, margin: -10 }], asOf);
    expect(historicalClv(summary, defaults, 'USD')).toMatchObject({ value: 0, basis: 'MARGIN' });
    const { summary: noMargins } = subjectFromPurchases([{ at: '2025-01-10', amount: 50 }, { at: '2025-02-10', amount: 50 }], asOf);
    expect(historicalClv(noMargins, defaults, 'USD')).toMatchObject({ value: 100, basis: 'REVENUE' });
  });

  it('is null without purchases and 0 for purchases in another currency only', () => {
    expect(historicalClv(subjectFromPurchases([], asOf).summary, defaults, 'USD')).toBeNull();
    const { summary: foreign } = subjectFromInteractions([{ at: '2025-01-10', type: 'PURCHASE', amount: 50, currency: 'EUR' }], asOf);
    expect(historicalClv(foreign, defaults, 'USD')).toMatchObject({ value: 0, basis: 'REVENUE', expectedAverageOrderValue: null });
  });
});
