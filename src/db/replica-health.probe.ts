import type { DataSource } from 'typeorm';

/** A replica further behind its primary than this is not read from. */
export const REPLICA_MAX_LAG_SECONDS = 30;

/** What one look at a read replica found. */
export type ReplicaHealth =
  | {
      usable: true;
      /** Seconds behind the primary; null when the replica's user may not see it or it reports no replication. */
      lagSeconds: number | null;
      /** Why the lag is unknown, when it is. */
      lagUnknown: string | null;
    }
  | { usable: false; reason: string };

// MySQL/MariaDB error numbers.
const ER_NO_SUCH_TABLE = 1146;
const ER_PARSE_ERROR = 1064;
const ER_SPECIFIC_ACCESS_DENIED = 1227;

type StatusRow = Record<string, unknown>;

function errnoOf(err: unknown): number | undefined {
  const e = err as { errno?: unknown; driverError?: { errno?: unknown } } | null;
  const errno = e?.driverError?.errno ?? e?.errno;
  return typeof errno === 'number' ? errno : undefined;
}

/** The first of these columns that the row has: MariaDB and older MySQL say Master/Slave, MySQL 8 Source/Replica. */
function column(row: StatusRow, ...names: string[]): unknown {
  return names.map((n) => row[n]).find((v) => v !== undefined);
}

/** Replication status rows, or null when this user may not see them. */
async function replicationStatus(ds: DataSource): Promise<StatusRow[] | null> {
  // SHOW REPLICA STATUS: MariaDB 10.5+, MySQL 8.0.22+ (where SHOW SLAVE STATUS is gone from 8.4).
  for (const sql of ['SHOW REPLICA STATUS', 'SHOW SLAVE STATUS']) {
    try {
      return (await ds.query(sql)) as StatusRow[];
    } catch (err) {
      const errno = errnoOf(err);
      if (errno === ER_SPECIFIC_ACCESS_DENIED) return null;
      if (errno !== ER_PARSE_ERROR) throw err;
    }
  }
  return null;
}

/**
 * Looks at a read replica once: it answers, it has every migration in `migrationNames` (so no
 * query meets a column it lacks), and, when its user may see replication status (REPLICA MONITOR
 * on MariaDB, REPLICATION CLIENT on MySQL), replication runs at most REPLICA_MAX_LAG_SECONDS behind.
 * Throws when the replica cannot be reached.
 */
export async function probeReplica(ds: DataSource, migrationNames: readonly string[]): Promise<ReplicaHealth> {
  let applied: Set<string>;
  try {
    applied = new Set(((await ds.query('SELECT name FROM migrations')) as { name: string }[]).map((r) => r.name));
  } catch (err) {
    if (errnoOf(err) === ER_NO_SUCH_TABLE) return { usable: false, reason: 'its database has no schema (no migrations table)' };
    throw err;
  }
  const missing = migrationNames.filter((name) => !applied.has(name));
  if (missing.length) return { usable: false, reason: `its schema is behind the primary's (migration ${missing[0]} not applied yet)` };

  const rows = await replicationStatus(ds);
  if (rows === null) {
    return { usable: true, lagSeconds: null, lagUnknown: 'its user may not see replication status (grant REPLICA MONITOR on MariaDB, REPLICATION CLIENT on MySQL)' };
  }
  if (!rows.length) return { usable: true, lagSeconds: null, lagUnknown: 'it reports no replication (is it a replica?)' };
  let lagSeconds = 0;
  for (const row of rows) {
    const behind = column(row, 'Seconds_Behind_Master', 'Seconds_Behind_Source');
    // NULL: a replication thread is stopped, so the replica falls further behind every second.
    if (behind === null || behind === undefined) {
      const io = column(row, 'Slave_IO_Running', 'Replica_IO_Running');
      const sql = column(row, 'Slave_SQL_Running', 'Replica_SQL_Running');
      return { usable: false, reason: `replication is not running (IO thread: ${String(io)}, SQL thread: ${String(sql)})` };
    }
    lagSeconds = Math.max(lagSeconds, Number(behind));
  }
  if (lagSeconds > REPLICA_MAX_LAG_SECONDS) return { usable: false, reason: `it is ${lagSeconds} s behind the primary (more than ${REPLICA_MAX_LAG_SECONDS} s)` };
  return { usable: true, lagSeconds, lagUnknown: null };
}
