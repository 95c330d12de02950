import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request SQL statement tally, read by the request log and by the N+1 tests. */
export interface SqlTally { statements: number }

const storage = new AsyncLocalStorage<SqlTally>();
let total = 0;

export const sqlCounter = {
  run<T>(tally: SqlTally, fn: () => T): T {
    return storage.run(tally, fn);
  },
  record(): void {
    total += 1;
    const tally = storage.getStore();
    if (tally) tally.statements += 1;
  },
  /** Statements run by this process so far (all requests). */
  total(): number {
    return total;
  },
};
