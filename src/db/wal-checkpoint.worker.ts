// Runs on a thread of the compute pool (see wal-checkpoints.ts), with a connection of its own.

/** The part of better-sqlite3 used here (the package ships no types). */
interface SqliteConnection {
  pragma(source: string): unknown;
  close(): void;
}
type OpenSqlite = new (file: string, options: { fileMustExist: boolean }) => SqliteConnection;
const OpenSqlite = require('better-sqlite3') as OpenSqlite;

/** What `PRAGMA wal_checkpoint` reports: busy (0 or 1), frames in the log, frames copied. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Copies what the write-ahead log of SQLite database `file` holds into the database file, in
 * PASSIVE mode: it neither waits for nor holds up the readers and writers of other connections.
 */
export function checkpointWal(file: string): CheckpointResult {
  const db = new OpenSqlite(file, { fileMustExist: true });
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    return result;
  } finally {
    db.close();
  }
}
