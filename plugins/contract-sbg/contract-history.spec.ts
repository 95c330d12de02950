import { describe, expect, it } from 'vitest';
import { RelationshipKind, subject } from '../../src/plugin-api';
import { cohortOf, contractHistory } from './contract-history';

const asOf = new Date('2025-06-01T00:00:00Z');
const customer = (start: string | null, end: string | null = null) => subject({
  customer: {
    relationship: RelationshipKind.CONTRACTUAL,
    contractStartedAt: start ? new Date(start) : null,
    contractEndedAt: end ? new Date(end) : null,
  },
}).customer;

describe('contractHistory', () => {
  it('counts an active customer\'s renewals as the whole periods to asOf: S(n)', () => {
    // Started 2018-01-01: renewal points 2019..2025-01-01 reached, so 7 renewals, 8 periods paid.
    expect(contractHistory(customer('2018-01-01T00:00:00Z'), asOf, 12)).toMatchObject({
      churned: false, renewals: 7, periodsPaid: 8, age: 7, observation: { periodsSurvived: 7, churned: false },
    });
    // Started less than a period ago: no renewal yet, S(0) = 1.
    expect(contractHistory(customer('2025-01-02T00:00:00Z'), asOf, 12)).toMatchObject({ renewals: 0, periodsPaid: 1, age: 0 });
    // Monthly: 2025-01-02 + 4 months = 2025-05-02 <= asOf < 2025-06-02.
    expect(contractHistory(customer('2025-01-02T00:00:00Z'), asOf, 1)).toMatchObject({ renewals: 4, age: 4 });
  });

  it('counts a churned customer\'s lifetime as the period its contract ended in: P(T = t)', () => {
    // Ended in its third year (two renewals): T = 3.
    expect(contractHistory(customer('2018-01-01T00:00:00Z', '2020-06-30T00:00:00Z'), asOf, 12)).toMatchObject({
      churned: true, renewals: 2, periodsPaid: 3, age: 7, observation: { periodsSurvived: 3, churned: true },
    });
    // Ending at asOf counts as ended.
    expect(contractHistory(customer('2024-01-01T00:00:00Z', '2025-06-01T00:00:00Z'), asOf, 12)).toMatchObject({ churned: true, renewals: 1 });
    // An end after asOf is not known yet at asOf: still active.
    expect(contractHistory(customer('2024-01-01T00:00:00Z', '2025-06-02T00:00:00Z'), asOf, 12)).toMatchObject({ churned: false, renewals: 1 });
  });

  it('is null without a contract start or for a contract starting after asOf, and throws on an end before the start', () => {
    expect(contractHistory(customer(null), asOf, 12)).toBeNull();
    expect(contractHistory(customer('2025-06-02T00:00:00Z'), asOf, 12)).toBeNull();
    expect(() => contractHistory(customer('2024-01-01T00:00:00Z', '2023-01-01T00:00:00Z'), asOf, 12)).toThrow(/ends .* before it starts/);
  });
});

describe('cohortOf', () => {
  it('names the UTC year or quarter of the start', () => {
    expect(cohortOf(new Date('2024-08-15T00:00:00Z'), 'year')).toBe('2024');
    expect(cohortOf(new Date('2024-08-15T00:00:00Z'), 'quarter')).toBe('2024-Q3');
    expect(cohortOf(new Date('2024-12-31T23:59:59Z'), 'quarter')).toBe('2024-Q4');
    expect(cohortOf(new Date('2024-01-01T00:00:00Z'), 'quarter')).toBe('2024-Q1');
  });
});
