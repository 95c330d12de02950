import { describe, expect, it } from 'vitest';
import { inWindow, lastMonths, windowLengthMs } from './observation-window';

describe('lastMonths', () => {
  // 12 mean months = 365.25 days: from 2026-01-01T00:00Z back to 2024-12-31T18:00Z.
  const window = lastMonths(new Date('2026-01-01T00:00:00Z'), 12);

  it('goes back months x 30.4375 days', () => {
    expect(window.start.toISOString()).toBe('2024-12-31T18:00:00.000Z');
    expect(windowLengthMs(window)).toBe(365.25 * 86_400_000);
  });

  it('is open at the start and closed at asOf', () => {
    expect(inWindow(new Date('2024-12-31T18:00:00Z'), window)).toBe(false);
    expect(inWindow(new Date('2024-12-31T18:00:00.001Z'), window)).toBe(true);
    expect(inWindow(new Date('2026-01-01T00:00:00Z'), window)).toBe(true);
    expect(inWindow(new Date('2026-01-01T00:00:00.001Z'), window)).toBe(false);
  });
});
