import type { DataSource } from 'typeorm';
import { writeTransaction } from '../common/concurrent-write';
import { toSqlDate } from '../db/sql-date';
import { summarizeInteractions } from './summary-accumulator';
import { interactionInputsInRange } from './interaction-inputs.query';
import { copySummaryFigures } from './summary-figures-copy';
import { writeSummaries } from './summary-store';

export interface RebuildOptions {
  currency: string;
  /** Customers per transaction (default 5000). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Recomputes every customer's summary from the interactions, one customer-id range per
 * transaction: each range's rows are deleted before its interactions are read, so an ingest of
 * a customer in that range waits for the range and then recomputes on top of it (or, when it
 * wrote that customer's first row in between, the range runs again: see writeTransaction), and
 * copies the figures onto the customer rows. Records the currency the table was built in. This
 * is also how a database filled by other means (a SQL load, a restore) is brought up to date.
 */
export async function rebuildSummaries(ds: DataSource, o: RebuildOptions): Promise<{ customers: number }> {
  const size = o.batchSize ?? 5000;
  const total = Number((await ds.query('SELECT COUNT(*) AS n FROM customer') as { n: number | string }[])[0].n);
  let done = 0;
  for (let lastId = 0; ;) {
    const ids = (await ds.query('SELECT id FROM customer WHERE id > ? ORDER BY id LIMIT ?', [lastId, size]) as { id: number | string }[]).map((r) => Number(r.id));
    if (!ids.length) break;
    const [from, to] = [ids[0], ids[ids.length - 1]];
    await writeTransaction(ds, { what: 'summaries' }, async (m) => {
      await m.query('DELETE FROM customer_summary WHERE customer_id BETWEEN ? AND ?', [from, to]);
      const records = summarizeInteractions(await interactionInputsInRange(m, from, to), o.currency);
      await writeSummaries(m, [...records.values()], { chunk: 1000, replace: false });
      await copySummaryFigures(m, { from, to });
    });
    lastId = to;
    done += ids.length;
    o.onProgress?.(done, total);
  }
  await writeTransaction(ds, { what: 'summaries' }, async (m) => {
    await m.query('DELETE FROM summary_state');
    await m.query('INSERT INTO summary_state (id, currency, built_at) VALUES (1, ?, ?)', [o.currency, toSqlDate(new Date())]);
  });
  return { customers: done };
}

/** The currency the summaries were last built in, or null if they never were. */
export async function summaryCurrency(ds: DataSource): Promise<string | null> {
  const rows = await ds.query('SELECT currency FROM summary_state WHERE id = 1') as { currency: string }[];
  return rows[0]?.currency ?? null;
}
