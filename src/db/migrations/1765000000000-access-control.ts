import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** API keys (only their hashes), the audit log, and server-wide secrets (the pseudonym key). */
export class AccessControl1765000000000 implements MigrationInterface {
  name = 'AccessControl1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const ts = (name: string, nullable = true) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    await q.createTable(new Table({
      name: 'api_key',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'prefix', type: 'varchar', length: '16', isUnique: true },
        { name: 'secret_hash', type: 'varchar', length: '64', isUnique: true },
        { name: 'roles', type: 'varchar', length: '100' },
        { name: 'label', type: 'varchar', length: '200' },
        { name: 'created_by', type: 'varchar', length: '200' },
        ts('created_at', false), ts('last_used_at'), ts('revoked_at'),
      ],
    }));
    await q.createTable(new Table({
      name: 'audit_log',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        ts('at', false),
        { name: 'actor', type: 'varchar', length: '200' },
        { name: 'actor_label', type: 'varchar', length: '200' },
        { name: 'roles', type: 'varchar', length: '100' },
        { name: 'operation', type: 'varchar', length: '100' },
        { name: 'outcome', type: 'varchar', length: '40' },
        { name: 'counts', type: 'varchar', length: '1000' },
        { name: 'request_id', type: 'varchar', length: '100' },
      ],
      indices: [new TableIndex({ columnNames: ['at'] }), new TableIndex({ columnNames: ['actor', 'at'] })],
    }));
    await q.createTable(new Table({
      name: 'server_secret',
      columns: [
        { name: 'name', type: 'varchar', length: '50', isPrimary: true },
        { name: 'value', type: 'varchar', length: '200' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('server_secret');
    await q.dropTable('audit_log');
    await q.dropTable('api_key');
  }
}
