import { describe, expect, it } from 'vitest';
import { addMonthsUtc, periodOfEnd, renewalPoint, wholePeriods } from './contract-periods';

const d = (iso: string): Date => new Date(iso);

describe('contract periods', () => {
  it('adds calendar months in UTC, clamping the day to the end of the month', () => {
    expect(addMonthsUtc(d('2024-01-31T10:00:00Z'), 1).toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(addMonthsUtc(d('2023-01-31T00:00:00Z'), 1).toISOString()).toBe('2023-02-28T00:00:00.000Z');
    expect(addMonthsUtc(d('2023-11-15T00:00:00Z'), 3).toISOString()).toBe('2024-02-15T00:00:00.000Z');
    expect(addMonthsUtc(d('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });

  it('computes each renewal point from the start, so clamping never drifts', () => {
    // 31 January, monthly: 29 February, then 31 March again (not 29 March).
    const start = d('2024-01-31T00:00:00Z');
    expect(renewalPoint(start, 1, 1).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(renewalPoint(start, 2, 1).toISOString()).toBe('2024-03-31T00:00:00.000Z');
  });

  it('counts the renewal points reached, a point at the very instant included', () => {
    const start = d('2020-03-15T12:00:00Z');
    expect(wholePeriods(start, d('2020-03-15T12:00:00Z'), 12)).toBe(0);
    expect(wholePeriods(start, d('2021-03-15T11:59:59Z'), 12)).toBe(0);
    expect(wholePeriods(start, d('2021-03-15T12:00:00Z'), 12)).toBe(1);
    expect(wholePeriods(start, d('2025-01-01T00:00:00Z'), 12)).toBe(4);
    // Quarterly: 2020-06-15, 09-15, 12-15, 2021-03-15 are reached by 2021-04-01.
    expect(wholePeriods(start, d('2021-04-01T00:00:00Z'), 3)).toBe(4);
    expect(wholePeriods(start, d('2019-01-01T00:00:00Z'), 12)).toBe(0);
  });

  it('places a contract end in its period: on a renewal point it was not renewed there', () => {
    const start = d('2020-01-01T00:00:00Z');
    // Ended within the first year, or exactly at the first renewal point: period 1 (no renewal).
    expect(periodOfEnd(start, d('2020-01-01T00:00:00Z'), 12)).toBe(1);
    expect(periodOfEnd(start, d('2020-07-01T00:00:00Z'), 12)).toBe(1);
    expect(periodOfEnd(start, d('2021-01-01T00:00:00Z'), 12)).toBe(1);
    // Just after the first renewal point: it renewed once and left in period 2.
    expect(periodOfEnd(start, d('2021-01-01T00:00:01Z'), 12)).toBe(2);
    expect(periodOfEnd(start, d('2023-01-01T00:00:00Z'), 12)).toBe(3);
    expect(periodOfEnd(start, d('2023-03-15T00:00:00Z'), 12)).toBe(4);
  });
});
