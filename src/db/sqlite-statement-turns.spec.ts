import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../common/logger';
import { createDataSource } from './data-source';

const file = path.join(os.tmpdir(), `cg-turns-${process.pid}.sqlite`);
let ds: DataSource | undefined;
afterEach(async () => {
  await ds?.destroy();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
});

// About 20 ms of SQLite work, well past the 10 ms a stretch may last.
const SLOW = 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000) SELECT COUNT(*) AS c FROM n';

/** How many times a 1 ms timer fired while `work` ran. */
async function timerTurnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  const timer = setInterval(() => { turns++; }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  turns = 0;
  try {
    await work();
    return turns;
  } finally {
    clearInterval(timer);
  }
}

it('lets timers run between SQLite statements outside a transaction, never inside one', async () => {
  ds = await createDataSource({ kind: 'sqlite', file, embedded: false }, createLogger('silent')).initialize();
  const q = ds;
  const outside = await timerTurnsDuring(async () => {
    for (let i = 0; i < 8; i++) await q.query(SLOW);
  });
  // Without the turns, awaiting a synchronous driver never lets a timer in: 0.
  expect(outside).toBeGreaterThanOrEqual(6);
  const inside = await timerTurnsDuring(() => q.transaction(async (m) => {
    for (let i = 0; i < 8; i++) await m.query(SLOW);
  }));
  expect(inside).toBe(0);
});
