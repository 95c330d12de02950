import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { addColumns, dropColumns } from '../alter-columns';

/**
 * Refreshes coordinated through the database, for several replicas on one database:
 * `refresh_lease` (one row: which replica runs refreshes, until when, under which fencing token)
 * and `refresh_request` (refreshes asked for on any replica, run once by the lease holder), whose
 * runs `model_run.request_id` names.
 */
export class RefreshCoordination1766000000000 implements MigrationInterface {
  name = 'RefreshCoordination1766000000000';

  async up(q: QueryRunner): Promise<void> {
    const ms = (name: string, nullable = false) => ({ name, type: 'bigint', isNullable: nullable, ...(nullable ? {} : { default: 0 }) });
    await q.createTable(new Table({
      name: 'refresh_lease',
      columns: [
        { name: 'name', type: 'varchar', length: '64', isPrimary: true },
        { name: 'owner', type: 'varchar', length: '200', isNullable: true },
        { name: 'token', type: 'bigint', default: 0 },
        // Milliseconds since the epoch by the database's clock: replicas' clocks never compare.
        ms('expires_at_ms'),
        ms('scheduled_at_ms'),
      ],
    }));
    await q.query("INSERT INTO refresh_lease (name, owner, token, expires_at_ms, scheduled_at_ms) VALUES ('metrics-refresh', NULL, 0, 0, 0)");
    await q.createTable(new Table({
      name: 'refresh_request',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'plugins', type: 'varchar', length: '2000' },
        { name: 'as_of', type: 'datetime', precision: 3 },
        { name: 'as_of_now', type: 'boolean' },
        // What the request would do, while it waits: an identical request joins it (unique).
        { name: 'pending_key', type: 'varchar', length: '255', isNullable: true, isUnique: true },
        { name: 'status', type: 'varchar', length: '16' },
        { name: 'attempts', type: 'integer', default: 0 },
        { name: 'claimed_by', type: 'varchar', length: '200', isNullable: true },
        { name: 'claimed_token', type: 'bigint', isNullable: true },
        ms('requested_at_ms'),
        ms('finished_at_ms', true),
      ],
      indices: [new TableIndex({ columnNames: ['status', 'id'] })],
    }));
    await addColumns(q, 'model_run', ['request_id INTEGER NULL']);
    await q.createIndex('model_run', new TableIndex({ name: 'IDX_model_run_request', columnNames: ['request_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('model_run', 'IDX_model_run_request');
    await dropColumns(q, 'model_run', ['request_id']);
    await q.dropTable('refresh_request');
    await q.dropTable('refresh_lease');
  }
}
