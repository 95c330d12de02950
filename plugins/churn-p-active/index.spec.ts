import { describe, expect, it } from 'vitest';
import { RelationshipKind, runPlugin, subjectFromInteractions, subjectFromPurchases } from '../../src/plugin-api';
import plugin from './index';

const asOf = new Date('2026-01-01T00:00:00.000Z');
const MONTH_MS = 30.4375 * 86_400_000;
const start = asOf.getTime() - 12 * MONTH_MS;
const month = (m: number): Date => new Date(start + m * MONTH_MS);

/*
 * Window: the 12 mean months before asOf, from 2024-12-31T18:00Z.
 *   A buys at months 2, 4, 6, 8: P(active) = (8/12)^4 = 0.1975, churn 0.8025 (DOMAIN §6).
 *   B bought once, in 2024-03 only: churn 1, P(active) 0.
 *   C only visited: null.
 *   D is CONTRACTUAL (buys at month 8): left to a contractual model, null here.
 * With windowMonths 24 (from 2024-01-01T12:00Z): A's purchases sit at months 14, 16, 18, 20 of 24 -> (20/24)^4 = 0.4823;
 *   B's 2024-03-01 purchase is inside, at (2024-03-01 - 2024-01-01T12:00) = 59.5 days of 730.5 -> P = 0.0815.
 */
const customers = () => [
  subjectFromPurchases([2, 4, 6, 8].map((m) => ({ at: month(m), amount: 25 })), asOf, { externalId: 'A' }),
  subjectFromPurchases([{ at: '2024-03-01T00:00:00Z', amount: 40 }], asOf, { externalId: 'B' }),
  subjectFromInteractions([{ at: month(3), type: 'VISIT' }], asOf, { customer: { externalId: 'C' } }),
  subjectFromPurchases([{ at: month(8), amount: 25 }], asOf, { externalId: 'D', relationship: RelationshipKind.CONTRACTUAL }),
];

describe('churn-p-active plugin', () => {
  it('declares a churn provider for non-contractual customers, on the interactions', () => {
    expect(plugin).toMatchObject({ name: 'churn-p-active', apiVersion: '1.0' });
    expect(plugin.provides).toMatchObject([{ kind: 'churn', requires: ['interactions'], relationships: ['NON_CONTRACTUAL'] }]);
  });

  it('scores 1 - T^n as worked out by hand', async () => {
    const run = await runPlugin(plugin, customers(), { asOf });
    expect(run.valueOf('churn', 'A')).toEqual({
      probability: expect.closeTo(0.802469, 6), pAlive: expect.closeTo(0.197531, 6), reason: '4 purchase days, last at 67% of the window',
    });
    expect(run.valueOf('churn', 'B')).toEqual({ probability: 1, pAlive: 0, reason: 'no purchase in the last 12 months' });
    expect(run.valueOf('churn', 'C')).toBeNull();
    expect(run.valueOf('churn', 'D')).toBeNull();
  });

  it('widens the window when told to', async () => {
    const run = await runPlugin(plugin, customers(), { asOf, options: { windowMonths: 24 } });
    expect(run.valueOf('churn', 'A')).toMatchObject({ pAlive: expect.closeTo((20 / 24) ** 4, 12), reason: '4 purchase days, last at 83% of the window' });
    expect(run.valueOf('churn', 'B')).toMatchObject({ pAlive: expect.closeTo(59.5 / 730.5, 12), reason: '1 purchase day, last at 8% of the window' });
  });

  it('fills its default and rejects bad options', async () => {
    expect((await runPlugin(plugin, [], { asOf })).config).toEqual({ windowMonths: 12 });
    await expect(runPlugin(plugin, [], { options: { windowMonths: 0.5, n: 3 } })).rejects.toThrow(/windowMonths: .*\n.*Unrecognized key: "n"/);
  });
});
