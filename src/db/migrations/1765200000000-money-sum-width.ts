import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Money sums (never single amounts) and the width that holds any of them. */
const SUMS: Record<string, string[]> = {
  customer: ['stat_revenue'],
  customer_summary: ['gross_revenue', 'purchase_margin', 'margin_revenue', 'refunded_amount', 'refund_margin', 'first_day_amount', 'first_day_margin'],
};
const NULLABLE = new Set(['first_day_amount', 'first_day_margin']);

/**
 * Per-customer money sums as DECIMAL(28,4) (up to 10^24) instead of DECIMAL(18,4) (10^14): a
 * single amount or margin is at most 10^12 in absolute value and an interaction id is a 32-bit
 * integer, so no customer's sum can reach 2.2 x 10^21, where 200 purchases of 10^12 overflowed
 * `stat_revenue` on MySQL/MariaDB ("Out of range value") while SQLite took them. SQLite stores
 * decimals as numbers of any size: nothing to change there.
 */
export class MoneySumWidth1765200000000 implements MigrationInterface {
  name = 'MoneySumWidth1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await widen(q, 28);
  }

  async down(q: QueryRunner): Promise<void> {
    await widen(q, 18);
  }
}

async function widen(q: QueryRunner, precision: number): Promise<void> {
  if (q.connection.options.type !== 'mysql' && q.connection.options.type !== 'mariadb') return;
  for (const [table, columns] of Object.entries(SUMS)) {
    const changes = columns.map((c) => `MODIFY \`${c}\` DECIMAL(${precision},4) ${NULLABLE.has(c) ? 'NULL' : 'NOT NULL DEFAULT 0'}`);
    // One ALTER per table: MySQL copies the table once, not once per column.
    await q.query(`ALTER TABLE \`${table}\` ${changes.join(', ')}`);
  }
}
