import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/**
 * The customer graph's tables. Written with TypeORM's Table API (not raw DDL) so that the same
 * migration runs on SQLite, MariaDB 10.11 and MySQL 8.
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
    // External keys compare case-sensitively everywhere ("ABC" and "abc" are different customers).
    const binary = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    // Whatever the server's default charset, text columns hold full Unicode.
    const unicode = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' } : {};
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
    const str = (name: string, length: number, nullable = true): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, ...unicode });
    const ts = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const dec = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'decimal', precision: 18, scale: 4, isNullable: nullable });
    const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: false });
    const text = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true, ...unicode });
    const idx = (columns: string[], isUnique = false) => new TableIndex({ columnNames: columns, isUnique });

    await q.createTable(new Table({
      name: 'customer',
      columns: [
        id,
        { ...str('external_id', 191, false), ...binary },
        str('name', 200), str('email', 254), str('phone', 50),
        str('party', 16, false), str('relationship', 16, false), str('channel_role', 16, false), str('origin', 16, false),
        { name: 'birth_date', type: 'date', isNullable: true },
        str('gender', 16), str('income_band', 50), str('country', 2), str('region', 100), str('city', 100),
        str('acquisition_source', 100), dec('acquisition_cost'), ts('acquired_at', true),
        ts('contract_started_at', true), ts('contract_ended_at', true), str('churn_reason', 500),
        bool('consent_email'), bool('consent_sms'), bool('consent_phone'), bool('consent_profiling'),
        text('traits'), ts('erased_at', true), ts('created_at'), ts('updated_at'), str('fingerprint', 64, false),
        { ...dec('stat_revenue', false), default: 0 },
        { name: 'stat_purchase_count', type: 'integer', default: 0 },
        ts('stat_last_purchase_at', true), ts('stat_last_interaction_at', true),
      ],
      indices: [
        idx(['external_id'], true), idx(['name', 'id']), idx(['created_at', 'id']), idx(['stat_revenue', 'id']),
        idx(['stat_last_interaction_at', 'id']), idx(['stat_last_purchase_at']), idx(['stat_purchase_count']), idx(['email']), idx(['country']),
        idx(['acquisition_source']),
      ],
    }));

    await q.createTable(new Table({
      name: 'customer_trait',
      columns: [
        { ...ref('customer_id'), isPrimary: true },
        { ...str('key', 100, false), isPrimary: true },
        str('value', 191, false),
      ],
      indices: [idx(['key', 'value'])],
      foreignKeys: [cascadeTo('customer_id')],
    }));

    await q.createTable(new Table({
      name: 'interaction',
      columns: [
        id,
        { ...str('external_id', 191, false), ...binary },
        ref('customer_id'), ts('occurred_at'), str('type', 24, false), str('channel', 16, false), str('contact_level', 8),
        dec('amount'), str('currency', 3), dec('margin'),
        { name: 'expectation_score', type: 'double', isNullable: true },
        { name: 'perception_score', type: 'double', isNullable: true },
        str('note', 2000), text('metadata'), ts('created_at'), str('fingerprint', 64, false),
      ],
      indices: [
        idx(['external_id'], true),
        idx(['customer_id', 'occurred_at', 'id']),
        // Covers the per-customer summary GROUP BY without touching the table rows.
        idx(['customer_id', 'type', 'channel', 'occurred_at', 'currency', 'amount', 'margin']),
        idx(['occurred_at', 'id']),
      ],
      foreignKeys: [new TableForeignKey({ columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'] })],
    }));

    await q.createTable(new Table({
      name: 'customer_link',
      columns: [id, str('type', 16, false), ref('from_customer_id'), ref('to_customer_id'), ts('created_at')],
      indices: [idx(['type', 'from_customer_id', 'to_customer_id'], true), idx(['from_customer_id', 'type']), idx(['to_customer_id', 'type'])],
      foreignKeys: [cascadeTo('from_customer_id'), cascadeTo('to_customer_id')],
    }));

    await q.createTable(new Table({
      name: 'segment',
      columns: [id, { ...str('key', 100, false), ...binary }, str('name', 200, false), str('description', 2000), str('kind', 16, false), ts('created_at'), ts('updated_at')],
      indices: [idx(['key'], true)],
    }));

    await q.createTable(new Table({
      name: 'segment_member',
      columns: [{ ...ref('segment_id'), isPrimary: true }, { ...ref('customer_id'), isPrimary: true }, ts('added_at')],
      indices: [idx(['customer_id'])],
      foreignKeys: [
        new TableForeignKey({ columnNames: ['segment_id'], referencedTableName: 'segment', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        cascadeTo('customer_id'),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['segment_member', 'segment', 'customer_link', 'interaction', 'customer_trait', 'customer']) {
      await q.dropTable(t);
    }
  }
}

function cascadeTo(column: string): TableForeignKey {
  return new TableForeignKey({ columnNames: [column], referencedTableName: 'customer', referencedColumnNames: ['id'], onDelete: 'CASCADE' });
}
