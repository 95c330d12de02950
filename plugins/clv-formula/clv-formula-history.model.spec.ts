import { describe, expect, it } from 'vitest';
import { RelationshipKind, subject, subjectFromPurchases } from '../../src/plugin-api';
import { lifetimeObservation, ownInputs } from './clv-formula-history.model';

const asOf = new Date('2026-01-01T00:00:00Z');
const MONTH_MS = 30.4375 * 86_400_000;
const monthsAgo = (m: number): Date => new Date(asOf.getTime() - m * MONTH_MS);
const gates = { minPurchases: 3, minTenureMonths: 3 };

describe('ownInputs', () => {
  it('gives T, AOV and AGM from a long enough history', () => {
    // Purchases 100 / 30, 100 / 30, 100 / 30 at 12, 8 and 4 months ago: T = 3 / 12, AOV 100, AGM 90 / 300.
    const s = subjectFromPurchases([12, 8, 4].map((m) => ({ at: monthsAgo(m), amount: 100, margin: 30 })), asOf);
    expect(ownInputs(s, asOf, gates)).toEqual({ transactionsPerMonth: 0.25, averageOrderValue: 100, grossMargin: 0.3 });
  });

  it('needs minTenureMonths for T only, and margins for AGM', () => {
    // Three purchases in the last two months, no margins: T unknown (tenure 2 < 3), AOV 60, AGM unknown.
    const s = subjectFromPurchases([{ at: monthsAgo(2), amount: 50 }, { at: monthsAgo(1), amount: 60 }, { at: monthsAgo(0.5), amount: 70 }], asOf);
    expect(ownInputs(s, asOf, gates)).toEqual({ transactionsPerMonth: null, averageOrderValue: 60, grossMargin: null });
    // With minTenureMonths 0 the 2 months are enough: 3 / 2 = 1.5.
    expect(ownInputs(s, asOf, { minPurchases: 3, minTenureMonths: 0 }).transactionsPerMonth).toBe(1.5);
  });

  it('gives nothing below minPurchases, and no rate over zero months', () => {
    const two = subjectFromPurchases([{ at: monthsAgo(10), amount: 50 }, { at: monthsAgo(5), amount: 60 }], asOf);
    expect(ownInputs(two, asOf, gates)).toEqual({ transactionsPerMonth: null, averageOrderValue: null, grossMargin: null });
    const now = subjectFromPurchases([{ at: asOf, amount: 50 }], asOf);
    expect(ownInputs(now, asOf, { minPurchases: 1, minTenureMonths: 0 })).toEqual({ transactionsPerMonth: null, averageOrderValue: 50, grossMargin: null });
  });
});

describe('lifetimeObservation', () => {
  it('counts a customer lost once its last purchase is lapseDays old, alive from first to last purchase', () => {
    // First 30 months ago, last 18 months ago (547.875 days >= 365): lost after 12 months.
    const lapsed = subjectFromPurchases([{ at: monthsAgo(30), amount: 1 }, { at: monthsAgo(18), amount: 1 }], asOf);
    expect(lifetimeObservation(lapsed, asOf, 365)).toEqual({ months: 12, lost: true });
    // With lapseDays 600 it is still alive, observed for 30 months.
    expect(lifetimeObservation(lapsed, asOf, 600)).toEqual({ months: 30, lost: false });
  });

  it('reads contracts for CONTRACTUAL customers, ended or running', () => {
    const contract = (end: Date | null) => subject({
      customer: { relationship: RelationshipKind.CONTRACTUAL, contractStartedAt: monthsAgo(36), contractEndedAt: end },
    });
    expect(lifetimeObservation(contract(monthsAgo(12)), asOf, 365)).toEqual({ months: 24, lost: true });
    expect(lifetimeObservation(contract(null), asOf, 365)).toEqual({ months: 36, lost: false });
    // An end after asOf is not known yet at asOf: still running.
    expect(lifetimeObservation(contract(new Date('2026-06-01T00:00:00Z')), asOf, 365)).toEqual({ months: 36, lost: false });
  });

  it('has nothing to say without purchases or a contract', () => {
    expect(lifetimeObservation(subject({}), asOf, 365)).toBeNull();
  });
});
