// Wall-clock bounds for the optimisers: a deadline is a time on the performance.now() clock (ms),
// so that a chain of optimisers (BFGS, then Nelder-Mead) shares one limit.

/** The `reason` of an optimiser that stopped because its deadline passed. */
export const TIME_LIMIT_REASON = 'time limit reached before convergence';

/** The deadline `millis` ms after `from` (default now), on the performance.now() clock. */
export function deadlineAfter(millis: number, from: number = performance.now()): number {
  return from + millis;
}

/** True when `deadline` is set and has passed. */
export function isPast(deadline: number | undefined): boolean {
  return deadline !== undefined && performance.now() > deadline;
}
