import type { SeededRandom } from './seeded-random';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The observation window all demo timestamps fall in, as epoch milliseconds. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** `end - years`, in calendar years for the whole part so that "2 years" means the same date. */
export function windowFor(end: Date, years: number): TimeWindow {
  const start = new Date(end.getTime());
  const whole = Math.trunc(years);
  start.setUTCFullYear(start.getUTCFullYear() - whole);
  return { start: start.getTime() - Math.round((years - whole) * 365 * DAY), end: end.getTime() };
}

export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/** A whole-second instant uniformly in [lo, hi]; hi wins when the range is empty. */
export function uniformTime(rng: SeededRandom, lo: number, hi: number): number {
  if (hi <= lo) return hi;
  return Math.max(lo, Math.floor(rng.float(lo, hi) / 1000) * 1000);
}

/** Same calendar day-of-month `months` later (clamped to the month's last day). */
export function addMonths(at: number, months: number): number {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}

/**
 * Moves `at` to a plausible local hour on the same local day (people shop by day, not at 3 am),
 * keeping it inside [lo, hi]; when that is impossible the original instant is kept.
 */
export function atLocalHour(
  rng: SeededRandom,
  at: number,
  utcOffsetHours: number,
  hours: readonly (readonly [number, number])[],
  lo: number,
  hi: number,
): number {
  const offset = utcOffsetHours * HOUR;
  const localDay = Math.floor((at + offset) / DAY) * DAY;
  const moved = localDay - offset + rng.weighted(hours) * HOUR + rng.int(0, 3599) * 1000;
  return moved >= lo && moved <= hi ? moved : at;
}

export function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
