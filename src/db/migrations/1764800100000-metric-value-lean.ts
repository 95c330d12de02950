import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `metric_value` without foreign keys: a refresh writes one row per served key and customer, and
 * checking two parent rows for each of a million inserts doubled their cost. Integrity is kept by
 * the code that owns the rows: values are written only under a run being refreshed, deleted with
 * their run's successor, and erased with their customer.
 */
export class MetricValueLean1764800100000 implements MigrationInterface {
  name = 'MetricValueLean1764800100000';

  async up(q: QueryRunner): Promise<void> {
    const table = await q.getTable('metric_value');
    if (table?.foreignKeys.length) await q.dropForeignKeys(table, table.foreignKeys);
  }

  async down(): Promise<void> {
    // Restoring the keys would fail on values whose run or customer is gone; nothing to undo safely.
  }
}
