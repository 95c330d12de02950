import type { DataSource } from 'typeorm';
import { customerRowsSql, customerTraitsSql } from './customer-rows.sql';
import { otherRowsSql, purchaseRowsSql } from './interaction-rows.sql';
import { MAX_SLOTS } from './population.params';
import { createPlanSql, fillPlanSql, PLAN_TABLE } from './population-plan.sql';
import { referralLinksSql } from './referral-links.sql';
import type { SqlDialect } from './sql.dialect';

export interface PopulationOptions {
  customers: number;
  /** Customers per INSERT ... SELECT statement. */
  chunk: number;
  /** Every interaction happens before this instant (ms since the epoch). */
  endMs: number;
  currency: string;
  onChunk?: (done: number, seconds: number) => void;
}

export interface GeneratedPopulation {
  customers: number;
  interactions: number;
  purchases: number;
  contractual: number;
  repeatBuyers: number;
  links: number;
  seconds: number;
}

type Queryable = { query(sql: string): Promise<unknown> };
const count = async (q: Queryable, sql: string): Promise<number> => Number(((await q.query(sql)) as { n: number | string }[])[0].n);

/** What the population holds, counted in the database (for a generated or a reused one). */
export async function populationCounts(q: Queryable): Promise<Omit<GeneratedPopulation, 'seconds'>> {
  return {
    customers: await count(q, 'SELECT COUNT(*) AS n FROM customer'),
    interactions: await count(q, 'SELECT COUNT(*) AS n FROM interaction'),
    purchases: await count(q, "SELECT COUNT(*) AS n FROM interaction WHERE type = 'PURCHASE'"),
    contractual: await count(q, "SELECT COUNT(*) AS n FROM customer WHERE relationship = 'CONTRACTUAL'"),
    repeatBuyers: await count(q, 'SELECT COUNT(*) AS n FROM customer WHERE stat_purchase_count > 1'),
    links: await count(q, 'SELECT COUNT(*) AS n FROM customer_link'),
  };
}

/**
 * Writes the population straight in SQL: per chunk of customer ids, the plan row of each
 * customer, then its customer row, trait, referral link, purchases, other interactions and
 * stat_* columns, each one INSERT ... SELECT (UPDATE for the stats) in one transaction. Foreign
 * key checks are off on the loading connection (the rows are consistent by construction).
 */
export async function generatePopulation(ds: DataSource, d: SqlDialect, o: PopulationOptions): Promise<GeneratedPopulation> {
  const started = performance.now();
  const q = ds.createQueryRunner();
  let sqliteCache: number | undefined;
  try {
    if (d.kind === 'mysql') {
      await q.query('SET FOREIGN_KEY_CHECKS = 0');
    } else {
      await q.query('PRAGMA foreign_keys = OFF');
      sqliteCache = Number(((await q.query('PRAGMA cache_size')) as { cache_size: number }[])[0].cache_size);
      // A larger page cache for the load only (interaction indexes are written out of order).
      await q.query('PRAGMA cache_size = -1048576');
    }
    for (const sql of [...createPlanSql, ...d.prepareSlots(MAX_SLOTS)]) await q.query(sql);
    for (let from = 1; from <= o.customers; from += o.chunk) {
      const to = Math.min(o.customers, from + o.chunk - 1);
      await q.startTransaction();
      for (const sql of [
        fillPlanSql(d, from, to, o.endMs),
        customerRowsSql(d, from, to),
        customerTraitsSql(d, from, to),
        referralLinksSql(d, from, to),
        purchaseRowsSql(d, from, to, o.endMs, o.currency),
        otherRowsSql(d, from, to, o.currency),
      ]) await q.query(sql);
      await q.commitTransaction();
      o.onChunk?.(to, (performance.now() - started) / 1000);
    }
    const seconds = (performance.now() - started) / 1000;
    const result: GeneratedPopulation = { ...(await populationCounts(q)), seconds };
    await q.query(`DROP TABLE ${PLAN_TABLE}`);
    if (d.kind === 'sqlite') await q.query('DROP TABLE IF EXISTS bench_slot');
    return result;
  } finally {
    if (q.isTransactionActive) await q.rollbackTransaction();
    if (d.kind === 'mysql') await q.query('SET FOREIGN_KEY_CHECKS = 1');
    else {
      await q.query('PRAGMA foreign_keys = ON');
      if (sqliteCache !== undefined) await q.query(`PRAGMA cache_size = ${sqliteCache}`);
    }
    await q.release();
  }
}
