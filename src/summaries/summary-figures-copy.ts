import type { EntityManager } from 'typeorm';
import { STAT_SOURCES } from '../customers/customer-stats.embedded';
import { isMysql } from '../db/dialect';

/** The customers whose figures to copy: an id range (both ends included) or a list. */
export type CopyScope = { from: number; to: number } | { ids: readonly number[] };

const SOURCES = Object.values(STAT_SOURCES);
const valueOf = (s: (typeof SOURCES)[number]) => (s.time ? s.from : `COALESCE(${s.from}, 0)`);

/**
 * Copies the summary figures of these customers onto their rows (CustomerStats), in the caller's
 * transaction, right after their summaries were written: one statement per 500 listed customers,
 * or one for a range. A customer without a summary row gets the figures of no interactions.
 */
export async function copySummaryFigures(m: EntityManager, scope: CopyScope): Promise<void> {
  const mysql = isMysql(m);
  // MySQL/MariaDB: a multi-table UPDATE over a LEFT JOIN. SQLite has no such join in UPDATE, so
  // each row reads its summary through a one-row LEFT JOIN (a row of NULLs when it has none).
  const update = (where: (id: string) => string) => (mysql
    ? `UPDATE customer c LEFT JOIN customer_summary s ON s.customer_id = c.id SET ${SOURCES.map((s) => `c.${s.column} = ${valueOf(s)}`).join(', ')} WHERE ${where('c.id')}`
    : `UPDATE customer SET (${SOURCES.map((s) => s.column).join(', ')}) = (SELECT ${SOURCES.map(valueOf).join(', ')}
        FROM (SELECT 1) one LEFT JOIN customer_summary s ON s.customer_id = customer.id) WHERE ${where('id')}`);
  if ('from' in scope) {
    await m.query(update((id) => `${id} BETWEEN ? AND ?`), [scope.from, scope.to]);
    return;
  }
  for (let i = 0; i < scope.ids.length; i += 500) {
    const part = scope.ids.slice(i, i + 500);
    await m.query(update((id) => `${id} IN (${part.map(() => '?').join(', ')})`), [...part]);
  }
}
