import './server/production-mode';
import 'reflect-metadata';
import { AuthSetupError, prepareAuth } from './auth/auth-setup';
import { ConfigError, loadConfig } from './config/config';
import { describeDatabase } from './config/database-url';
import { createLogger } from './common/logger';
import { openDatabase } from './db/open-database';
import { createMetricsRuntime, loadMetricsSetup } from './metrics/host/create-metrics-runtime';
import { MetricsSetupError } from './metrics/host/metrics-setup';
import { seedIfEmpty } from './seed/seed-if-empty';
import { startServer } from './server/app';
import { closeOffThread } from './compute/off-thread';

async function main(): Promise<void> {
  let config;
  let setup;
  try {
    config = loadConfig();
    setup = await loadMetricsSetup(config);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof MetricsSetupError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const ds = await openDatabase(config.database, log);
  let auth;
  try {
    auth = await prepareAuth(config, ds, log, (text) => process.stdout.write(`${text}\n`));
  } catch (e) {
    if (!(e instanceof AuthSetupError)) throw e;
    process.stderr.write(`${e.message}\n`);
    await ds.destroy();
    process.exit(78);
  }
  const metrics = await createMetricsRuntime(setup, config, ds, log);
  // Demo data goes only into the embedded default, never into a database the user named.
  if (config.database.kind === 'sqlite' && config.database.embedded) await seedIfEmpty(ds, config, log);
  const server = await startServer({ config, ds, log, metrics, auth });
  metrics.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    await server.stop();
    await metrics.stop();
    await closeOffThread();
    await ds.destroy();
    log.info('stopped');
    process.exit(0);
  };
  // Before "ready" is announced: a SIGTERM sent as soon as it is seen must find its handler, or the
  // process dies of the signal's default action (seen under heavy load).
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  log.info({ url: server.url, database: describeDatabase(config.database) }, 'ready');
  process.stdout.write(`\nCustomer graph API ready at ${server.url}\nDatabase: ${describeDatabase(config.database)}\n\n`);
}

main().catch((err) => {
  process.stderr.write(`Startup failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
