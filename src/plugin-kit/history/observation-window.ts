import { DAY_MS, MONTH_DAYS } from './time-units';

/** A span of time (start, end]: open at the start, closed at the end (asOf). */
export interface ObservationWindow {
  start: Date;
  end: Date;
}

/**
 * The last `months` mean months (see MONTH_DAYS) up to `asOf`: (asOf - months x 30.4375 days, asOf].
 * A purchase exactly `months` months before asOf is outside; one at asOf is inside.
 */
export function lastMonths(asOf: Date, months: number): ObservationWindow {
  return { start: new Date(asOf.getTime() - months * MONTH_DAYS * DAY_MS), end: asOf };
}

/** Whether an instant falls in the window (start, end]. */
export function inWindow(at: Date, window: ObservationWindow): boolean {
  const t = at.getTime();
  return t > window.start.getTime() && t <= window.end.getTime();
}

/** The window's length in milliseconds. */
export function windowLengthMs(window: ObservationWindow): number {
  return window.end.getTime() - window.start.getTime();
}
