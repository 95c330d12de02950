import { describe, expect, it } from 'vitest';
import { DAY_MS, daysBetween, MONTH_DAYS, monthsBetween, utcDay, YEAR_DAYS } from './time-units';

describe('time units', () => {
  it('uses the mean Gregorian year and its twelfth', () => {
    expect(YEAR_DAYS).toBe(365.25);
    expect(MONTH_DAYS).toBe(30.4375);
  });

  it('measures spans in fractional days and mean months', () => {
    const from = new Date('2025-01-01T00:00:00Z');
    // 2025-01-01 -> 2025-01-02T12:00: 1.5 days.
    expect(daysBetween(from, new Date('2025-01-02T12:00:00Z'))).toBe(1.5);
    // 365.25 days = 12 mean months exactly.
    expect(monthsBetween(from, new Date(from.getTime() + 365.25 * DAY_MS))).toBe(12);
    expect(daysBetween(new Date('2025-01-02T00:00:00Z'), from)).toBe(-1);
  });

  it('numbers UTC calendar days from 1970-01-01', () => {
    expect(utcDay(new Date('1970-01-01T23:59:59Z'))).toBe(0);
    expect(utcDay(new Date('1970-01-02T00:00:00Z'))).toBe(1);
    // 2026-01-01 is 56 years after 1970 with 14 leap days (1972..2024): 56 x 365 + 14 = 20454.
    expect(utcDay(new Date('2026-01-01T08:00:00Z'))).toBe(20454);
  });
});
