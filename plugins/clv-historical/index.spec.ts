import { describe, expect, it } from 'vitest';
import { runPlugin, subjectFromInteractions, subjectFromPurchases } from '../../src/plugin-api';
import plugin from './index';

const asOf = '2026-01-01T00:00:00.000Z';

/*
 * A (margins): purchases 300 / margin 90 (2024-12-01), 200 / 50 (2025-10-01), 100 / 30 (2025-12-15),
 *   refund 50 / 10 (2025-11-01). Revenue 600 - 50 = 550, net margin 160, ratio 160 / 550 = 0.2909...,
 *   net order value 550 / 3 = 183.33. CLV = 160 (MARGIN).
 *   PCV at 1% a month, n = whole mean months to asOf (396 d -> 13, 92 d -> 3, 61 d -> 2, 17 d -> 0):
 *   90 x 1.01^13 + 50 x 1.01^3 - 10 x 1.01^2 + 30 = 102.42839524 + 51.51505 - 10.201 + 30 = 173.7424.
 * B (no margins): purchases 100 (2025-06-01), 50 (2025-09-01), refund 20 (2025-09-15). Revenue 130,
 *   net order value 130 / 2 = 65. CLV = 130 (REVENUE), or 130 x 0.25 = 32.5 (MARGIN) with defaultMarginRatio.
 *   PCV (214 d -> 7, 122 d -> 4, 108 d -> 3): 100 x 1.01^7 + 50 x 1.01^4 - 20 x 1.01^3
 *   = 107.21353521 + 52.0302005 - 20.60602 = 138.6377; x 0.25 = 34.6594.
 * C: a visit only: null for both.
 */
const customers = () => [
  subjectFromPurchases([
    { at: '2024-12-01', amount: 300, margin: 90 }, { at: '2025-10-01', amount: 200, margin: 50 },
    { at: '2025-11-01', amount: 50, margin: 10, type: 'REFUND' }, { at: '2025-12-15', amount: 100, margin: 30 },
  ], asOf, { externalId: 'A' }),
  subjectFromPurchases([{ at: '2025-06-01', amount: 100 }, { at: '2025-09-01', amount: 50 }, { at: '2025-09-15', amount: 20, type: 'REFUND' }], asOf, { externalId: 'B' }),
  subjectFromInteractions([{ at: '2025-08-01', type: 'VISIT', channel: 'STORE' }], asOf, { customer: { externalId: 'C' } }),
];

describe('clv-historical plugin', () => {
  it('declares a clv provider on the summary and a pcv metric on the interactions', () => {
    expect(plugin).toMatchObject({ name: 'clv-historical', apiVersion: '1.0' });
    expect(plugin.provides.map((p) => [p.kind, p.metricKeys ?? null, p.requires])).toEqual([
      ['clv', null, ['summary']],
      ['metrics', ['pcv'], ['interactions']],
    ]);
  });

  it('scores historical CLV and PCV as worked out by hand', async () => {
    const run = await runPlugin(plugin, customers(), { asOf });
    const a = run.valueOf('clv', 'A');
    expect(a).toMatchObject({
      value: 160, currency: 'USD', horizonMonths: null, discountRate: null, expectedPurchases: null, basis: 'MARGIN',
      inputs: [
        { name: 'netRevenue', value: 550, source: 'CUSTOMER' },
        { name: 'netMargin', value: 160, source: 'CUSTOMER' },
        { name: 'marginRatio', value: expect.closeTo(0.290909, 6), source: 'CUSTOMER' },
      ],
    });
    expect(a && 'value' in a ? a.expectedAverageOrderValue : null).toBeCloseTo(183.3333, 4);
    expect(run.valueOf('clv', 'B')).toMatchObject({
      value: 130, basis: 'REVENUE', expectedAverageOrderValue: 65,
      inputs: [{ name: 'netRevenue', value: 130, source: 'CUSTOMER' }, { name: 'marginRatio', value: 1, source: 'CONFIG' }],
    });
    expect(run.valueOf('clv', 'C')).toBeNull();
    expect(run.results.get('pcv')).toEqual([{ value: 173.7424, label: null }, { value: 138.6377, label: null }, null]);
  });

  it('puts customers without margins on the default margin ratio when set', async () => {
    const run = await runPlugin(plugin, customers(), { asOf, options: { defaultMarginRatio: 0.25 } });
    expect(run.valueOf('clv', 'A')).toMatchObject({ value: 160, basis: 'MARGIN' });
    expect(run.valueOf('clv', 'B')).toMatchObject({
      value: 32.5, basis: 'MARGIN', inputs: [{ name: 'netRevenue', value: 130, source: 'CUSTOMER' }, { name: 'marginRatio', value: 0.25, source: 'CONFIG' }],
    });
    expect(run.valueOf('pcv', 'B')).toEqual({ value: 34.6594, label: null });
  });

  it('fills every default and rejects what it does not know', async () => {
    const run = await runPlugin(plugin, [], { asOf });
    expect(run.config).toEqual({ defaultMarginRatio: null, pcvRate: 0.01, pcvPeriod: 'month' });
    await expect(runPlugin(plugin, [], { options: { pcvPeriod: 'week', defaultMarginRatio: 0, horizon: 12 } })).rejects.toThrow(
      /defaultMarginRatio: .*\n.*pcvPeriod: .*\n.*Unrecognized key: "horizon"/,
    );
  });
});
