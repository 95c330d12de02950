import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { addColumns, dropColumns } from '../alter-columns';

/**
 * Rule segments and segment history:
 * - `segment.rule_version` and `evaluated_at`: the served version of a RULE segment's rule, and
 *   when its membership was last recomputed;
 * - `segment_rule`: every version of every rule, as stored JSON;
 * - `segment_size`: each segment's size at each refresh (and at each rule change);
 * - `segment_change`: customers entering and leaving segments;
 * - `customer_trait.number_value`: a trait's value as a number when its text is one, so that rules
 *   compare numeric traits as numbers (`"1200" > 300`) instead of as text.
 */
export class RuleSegments1765600000000 implements MigrationInterface {
  name = 'RuleSegments1765600000000';

  async up(q: QueryRunner): Promise<void> {
    const ts = (name: string) => ({ name, type: 'datetime', precision: 3, isNullable: false });
    const segmentFk = () => new TableForeignKey({ columnNames: ['segment_id'], referencedTableName: 'segment', referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    // Plain ALTER TABLE (addColumns): TypeORM would copy SQLite's segment table, and dropping the
    // old one inside a transaction cascades to every segment's members.
    const mysql = isMysql(q);
    await addColumns(q, 'segment', mysql ? ['rule_version INT NULL', 'evaluated_at DATETIME(3) NULL'] : ['rule_version integer NULL', 'evaluated_at datetime(3) NULL']);
    await q.createTable(new Table({
      name: 'segment_rule',
      columns: [
        { name: 'segment_id', type: 'integer', isPrimary: true },
        { name: 'version', type: 'integer', isPrimary: true },
        { name: 'rule', type: 'text' },
        ts('created_at'),
        { name: 'created_by', type: 'varchar', length: '200', isNullable: true },
      ],
      foreignKeys: [segmentFk()],
    }));
    await q.createTable(new Table({
      name: 'segment_size',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'segment_id', type: 'integer' },
        ts('recorded_at'),
        { name: 'size', type: 'integer' },
        { name: 'cause', type: 'varchar', length: '16' },
      ],
      indices: [new TableIndex({ columnNames: ['segment_id', 'recorded_at'] })],
      foreignKeys: [segmentFk()],
    }));
    await q.createTable(new Table({
      name: 'segment_change',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'segment_id', type: 'integer' },
        { name: 'customer_id', type: 'integer' },
        { name: 'entered', type: 'boolean' },
        ts('at'),
      ],
      // Read by segment from a time on; pruned by time.
      indices: [new TableIndex({ columnNames: ['segment_id', 'at', 'id'] }), new TableIndex({ columnNames: ['at'] })],
      foreignKeys: [segmentFk()],
    }));
    await addColumns(q, 'customer_trait', [mysql ? 'number_value DOUBLE NULL' : 'number_value double NULL']);
    // The same test as numericTrait: a plain decimal number, as JSON or a CSV file would write it.
    const numeric = isMysql(q)
      ? "value REGEXP '^-?(0|[1-9][0-9]*)(\\\\.[0-9]+)?([eE][-+]?[0-9]+)?$'"
      : "json_valid(value) AND json_type(value) IN ('integer', 'real') AND trim(value) = value";
    await q.query(`UPDATE customer_trait SET number_value = CAST(value AS ${isMysql(q) ? 'DOUBLE' : 'REAL'}) WHERE ${numeric}`);
  }

  async down(q: QueryRunner): Promise<void> {
    // RULE segments cannot exist without their rules.
    await q.query("DELETE FROM segment WHERE kind = 'RULE'");
    await dropColumns(q, 'customer_trait', ['number_value']);
    await q.dropTable('segment_change');
    await q.dropTable('segment_size');
    await q.dropTable('segment_rule');
    await dropColumns(q, 'segment', ['rule_version', 'evaluated_at']);
  }
}

const isMysql = (q: QueryRunner) => q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';

