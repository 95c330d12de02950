// Contract periods in calendar months: renewal point k of a contract that started at s is
// s + k · periodMonths months (k = 0 is the start), with the day of month clamped to the month's
// end (a contract started on 31 January renews on 28 or 29 February, then on 31 March).

function daysInMonthUtc(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** `at` plus `months` calendar months, in UTC, the day clamped to the target month's last day. */
export function addMonthsUtc(at: Date, months: number): Date {
  const total = at.getUTCFullYear() * 12 + at.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(at.getUTCDate(), daysInMonthUtc(year, month));
  return new Date(Date.UTC(year, month, day, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

/** Renewal point k (k = 0: the start), always computed from the start so that clamping never drifts. */
export function renewalPoint(start: Date, k: number, periodMonths: number): Date {
  return addMonthsUtc(start, k * periodMonths);
}

/** The number of renewal points k >= 1 at or before `at`: whole periods from `start` to `at` (0 when `at` is earlier). */
export function wholePeriods(start: Date, at: Date, periodMonths: number): number {
  if (at.getTime() < start.getTime()) return 0;
  const months = (at.getUTCFullYear() - start.getUTCFullYear()) * 12 + (at.getUTCMonth() - start.getUTCMonth());
  // The month count is off by at most one period (day and time of day); walk to the exact one.
  let k = Math.max(0, Math.floor(months / periodMonths));
  while (k > 0 && renewalPoint(start, k, periodMonths).getTime() > at.getTime()) k -= 1;
  while (renewalPoint(start, k + 1, periodMonths).getTime() <= at.getTime()) k += 1;
  return k;
}

/**
 * The period in which a contract that ended at `end` ended (1 = the first): the first k >= 1 whose
 * renewal point k is at or after the end. A contract ending exactly on a renewal point was not
 * renewed there; one ending between two was renewed at the earlier one.
 */
export function periodOfEnd(start: Date, end: Date, periodMonths: number): number {
  const k = wholePeriods(start, end, periodMonths);
  return renewalPoint(start, k, periodMonths).getTime() === end.getTime() ? Math.max(1, k) : k + 1;
}
