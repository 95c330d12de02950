import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/**
 * The per-customer summary maintained at ingest (`customer_summary`) and the base currency it was
 * built in (`summary_state`). Left empty here: the first start after this migration (or
 * `npm run summaries:rebuild`) fills it, since its money fields depend on the configured currency.
 */
export class CustomerSummary1764800000000 implements MigrationInterface {
  name = 'CustomerSummary1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const int = (name: string): TableColumnOptions => ({ name, type: 'integer', default: 0 });
    const ts = (name: string): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: true });
    const dec = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'decimal', precision: 18, scale: 4, isNullable: nullable, ...(nullable ? {} : { default: 0 }) });
    await q.createTable(new Table({
      name: 'customer_summary',
      columns: [
        { name: 'customer_id', type: 'integer', isPrimary: true },
        int('interaction_count'), ts('first_interaction_at'), ts('last_interaction_at'),
        int('purchase_count'), ts('first_purchase_at'), ts('last_purchase_at'), int('base_purchase_count'),
        dec('gross_revenue'), dec('purchase_margin'), int('margined_purchase_count'), dec('margin_revenue'),
        int('refund_count'), dec('refunded_amount'), dec('refund_margin'), int('foreign_amount_count'),
        int('scored_survey_count'), { name: 'satisfaction_gap_sum', type: 'double', default: 0 },
        int('purchase_days'), int('amount_days'), int('margin_days'), dec('first_day_amount', true), dec('first_day_margin', true),
        { name: 'counts', type: 'varchar', length: '2000', isNullable: false, default: "'{}'" },
        { name: 'changed_at', type: 'datetime', precision: 3, isNullable: false },
      ],
      indices: [
        // Whether the table may stand in for a pass as of a past date: MAX(last_interaction_at) <= asOf.
        new TableIndex({ columnNames: ['last_interaction_at'] }),
        // Which customers changed while a refresh was scoring (it catches up with them).
        new TableIndex({ columnNames: ['changed_at'] }),
      ],
      foreignKeys: [new TableForeignKey({ columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
    }));
    await q.createTable(new Table({
      name: 'summary_state',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true },
        { name: 'currency', type: 'varchar', length: '3', isNullable: false },
        { name: 'built_at', type: 'datetime', precision: 3, isNullable: false },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('summary_state');
    await q.dropTable('customer_summary');
  }
}
