import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/open-database';

// `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded default) and exits.
async function main(): Promise<void> {
  const config = loadConfig();
  const ds = await openDatabase(config.database, createLogger(config.logLevel));
  process.stdout.write(`Migrations are up to date on ${describeDatabase(config.database)}.\n`);
  await ds.destroy();
}

main().catch((err) => {
  process.stderr.write(`Migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
