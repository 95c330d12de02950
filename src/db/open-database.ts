import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { DatabaseTarget } from '../config/database-url';
import { createDataSource } from './data-source';
import { checkpointOffThread } from './wal-checkpoints';

/** Connects and applies pending migrations; the server never runs against an old schema. */
export async function openDatabase(target: DatabaseTarget, log: Logger): Promise<DataSource> {
  const ds = createDataSource(target, log);
  await ds.initialize();
  const applied = await ds.runMigrations({ transaction: 'each' });
  if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  if (target.kind === 'sqlite' && target.file !== ':memory:') checkpointOffThread(ds, target.file, log);
  return ds;
}
