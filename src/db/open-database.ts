import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { DatabaseTarget } from '../config/database-url';
import { createDataSource } from './data-source';
import { checkpointOffThread } from './wal-checkpoints';
import { withNamedLock } from './named-lock';

/** How long a replica waits for another one's migrations (a large table's ALTER takes minutes). */
const MIGRATION_LOCK_WAIT_SECONDS = 1800;

/** Connects and applies pending migrations; the server never runs against an old schema. */
export async function openDatabase(target: DatabaseTarget, log: Logger): Promise<DataSource> {
  const ds = createDataSource(target, log);
  await ds.initialize();
  // Replicas starting together on a new database apply the migrations one after another: the
  // second finds them applied (MySQL DDL is not transactional, so two at once would collide).
  const applied = await withNamedLock(ds, 'migrations', MIGRATION_LOCK_WAIT_SECONDS, () => ds.runMigrations({ transaction: 'each' }));
  if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  if (target.kind === 'sqlite' && target.file !== ':memory:') checkpointOffThread(ds, target.file, log);
  return ds;
}
