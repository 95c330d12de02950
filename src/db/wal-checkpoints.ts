import { stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { besideModule, offThreadTask, runOffThread } from '../compute/off-thread';

// SQLite copies its write-ahead log into the database file (a checkpoint) on the connection whose
// commit makes the log pass 1,000 pages. With one synchronous connection that is the request
// thread: during a refresh a 250-row insert then took up to 0.5 s instead of a few ms. Checkpoints
// run on a worker thread instead, with a connection of its own; the request thread keeps one for
// a log ten times as long, in case the worker cannot keep up.

const CHECKPOINT = offThreadTask<typeof import('./wal-checkpoint.worker').checkpointWal>(besideModule(__filename, 'wal-checkpoint.worker'), 'checkpointWal');

/** How often the log's size is looked at. */
const LOOK_EVERY_MS = 200;
/** A log written to since the last checkpoint and this long is checkpointed (SQLite's own default: 1,000 pages of 4 KiB). */
const CHECKPOINT_BYTES = 4 * 2 ** 20;
/** Pages past which the request thread's connection checkpoints by itself. */
const FALLBACK_PAGES = 10_000;

interface SqliteConnection {
  pragma(source: string): unknown;
}

/**
 * Checkpoints the write-ahead log of SQLite database `file` (open as `ds`) on a worker thread until
 * `ds` is destroyed. A failing checkpoint is logged once; the request thread's own then takes over.
 */
export function checkpointOffThread(ds: DataSource, file: string, log: Logger): void {
  const connection = (ds.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  connection.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  // Keeps the log file short once a checkpoint has emptied it, so that its size tells whether it has grown.
  connection.pragma(`journal_size_limit = ${CHECKPOINT_BYTES}`);
  const wal = `${file}-wal`;
  let lastStart = 0;
  let running: Promise<void> | undefined;
  const look = async () => {
    const s = await stat(wal).catch(() => undefined);
    if (!s || s.size < CHECKPOINT_BYTES || s.mtimeMs < lastStart) return;
    lastStart = Date.now();
    await runOffThread(CHECKPOINT, file);
  };
  const timer = setInterval(() => {
    running ??= look().catch((err: unknown) => {
      clearInterval(timer);
      connection.pragma('wal_autocheckpoint = 1000');
      log.warn({ err }, 'checkpointing the SQLite log on a worker thread failed; the request thread checkpoints it from now on');
    }).finally(() => {
      running = undefined;
    });
  }, LOOK_EVERY_MS).unref();
  const destroy = ds.destroy.bind(ds);
  ds.destroy = async () => {
    clearInterval(timer);
    await running;
    return destroy();
  };
}
