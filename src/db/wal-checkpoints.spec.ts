import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, expect, it } from 'vitest';
import { createLogger } from '../common/logger';
import { closeOffThread } from '../compute/off-thread';
import { openDatabase } from './open-database';

const file = path.join(os.tmpdir(), `cg-wal-${process.pid}.sqlite`);
let ds: DataSource | undefined;
afterEach(async () => {
  await ds?.destroy();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
});
afterAll(() => closeOffThread());

it('checkpoints the SQLite log on a worker thread: it stays short though the request thread no longer checkpoints at 1,000 pages', async () => {
  ds = await openDatabase({ kind: 'sqlite', file, embedded: false }, createLogger('silent'));
  const db = ds;
  await db.query('CREATE TABLE blob_rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const body = 'x'.repeat(1000);
  let largest = 0;
  // 30 MB in 1 MB transactions, with the turns a busy server gives its timers.
  for (let t = 0; t < 30; t++) {
    await db.transaction(async (m) => {
      for (let i = 0; i < 10; i++) await m.query(`INSERT INTO blob_rows (body) VALUES ${Array.from({ length: 100 }, () => '(?)').join(', ')}`, Array(100).fill(body));
    });
    largest = Math.max(largest, fs.statSync(`${file}-wal`).size);
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  // The request thread's own checkpoint comes at 10,000 pages (40 MB): without the worker's, the log would hold all 30 MB.
  expect(largest).toBeLessThan(16 * 2 ** 20);
  expect((await db.query('SELECT COUNT(*) AS n FROM blob_rows') as { n: number }[])[0]!.n).toBe(30_000);
});
