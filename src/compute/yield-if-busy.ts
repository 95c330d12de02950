// Work that stays on the request thread (scoring a batch, building its subjects) runs in short
// stretches: between two pieces, it lets the event loop answer what is waiting once the current
// stretch has lasted longer than a budget. One clock for the whole process, so that nested loops
// do not each spend a budget of their own.

/** How long a synchronous stretch may last before the next {@link yieldIfBusy} lets others in. */
export const STRETCH_BUDGET_MS = 10;

let stretchStart = performance.now();

/**
 * Resolves at once while the current stretch is within its budget; past it, after one turn of the
 * event loop (timers, I/O and requests waiting get their turn), starting a new stretch.
 */
export async function yieldIfBusy(): Promise<void> {
  if (performance.now() - stretchStart < STRETCH_BUDGET_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  stretchStart = performance.now();
}
