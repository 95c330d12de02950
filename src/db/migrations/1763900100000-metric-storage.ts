import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Materialised metrics: one row per model run, one row per (run, metric key, customer), and a
 * pointer per plugin to the run that readers see. Switching the pointer is the atomic publish.
 */
export class MetricStorage1763900100000 implements MigrationInterface {
  name = 'MetricStorage1763900100000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    const unicode = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' } : {};
    const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    const str = (name: string, length: number, nullable = true): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, ...unicode });
    const ts = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const text = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true, ...unicode });
    const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });

    await q.createTable(new Table({
      name: 'model_run',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { ...str('plugin', 100, false), ...binary }, str('plugin_version', 50, false), str('kinds', 200, false),
        ts('as_of'), text('params'), text('diagnostics'), int('customers_scored'), int('customers_failed'),
        int('duration_ms', true), str('status', 16, false), str('error', 2000), ts('started_at'), ts('finished_at', true),
      ],
      indices: [new TableIndex({ columnNames: ['plugin', 'id'] })],
    }));

    await q.createTable(new Table({
      name: 'metric_value',
      columns: [
        { ...int('run_id'), isPrimary: true },
        { ...str('metric_key', 100, false), ...binary, isPrimary: true },
        { ...int('customer_id'), isPrimary: true },
        { name: 'value', type: 'double', isNullable: true },
        str('label', 191), text('data'), str('error', 500), ts('as_of'),
      ],
      indices: [
        // Sorting and range filters by a metric within the served run.
        new TableIndex({ columnNames: ['run_id', 'metric_key', 'value', 'customer_id'] }),
        new TableIndex({ columnNames: ['run_id', 'metric_key', 'label'] }),
        new TableIndex({ columnNames: ['customer_id', 'run_id'] }),
      ],
      foreignKeys: [
        new TableForeignKey({ columnNames: ['run_id'], referencedTableName: 'model_run', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        new TableForeignKey({ columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
      ],
    }));

    await q.createTable(new Table({
      name: 'metric_current',
      columns: [{ ...str('plugin', 100, false), ...binary, isPrimary: true }, int('run_id'), ts('switched_at')],
      foreignKeys: [new TableForeignKey({ columnNames: ['run_id'], referencedTableName: 'model_run', referencedColumnNames: ['id'] })],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('metric_current');
    await q.dropTable('metric_value');
    await q.dropTable('model_run');
  }
}
