// Fixed period lengths, so that "a month" means the same everywhere in the history models and a
// month count never depends on which calendar months a span happens to cross.

/** Milliseconds in a day (24 hours; UTC has no daylight saving). */
export const DAY_MS = 86_400_000;

/** The mean Gregorian year, in days. */
export const YEAR_DAYS = 365.25;

/** The mean month: a twelfth of the mean year, 30.4375 days. */
export const MONTH_DAYS = YEAR_DAYS / 12;

/** Days (fractional) from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** Mean months (fractional, see MONTH_DAYS) from `from` to `to`. */
export function monthsBetween(from: Date, to: Date): number {
  return daysBetween(from, to) / MONTH_DAYS;
}

/** The UTC calendar day of an instant, as a whole number of days since 1970-01-01. */
export function utcDay(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}
