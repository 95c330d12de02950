import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { rebuildSummaries, summaryCurrency } from './summary-rebuild';

/**
 * Rebuilds the summaries at startup when they were never built (a database migrated from before
 * the table existed) or were built in another base currency; otherwise ingest keeps them exact.
 */
export async function ensureSummaries(ds: DataSource, currency: string, log: Logger): Promise<void> {
  const built = await summaryCurrency(ds);
  if (built === currency) return;
  log.info({ builtIn: built, currency }, built ? 'base currency changed: rebuilding customer summaries' : 'building customer summaries');
  const started = performance.now();
  const { customers } = await rebuildSummaries(ds, { currency });
  log.info({ customers, ms: Math.round(performance.now() - started) }, 'customer summaries built');
}
