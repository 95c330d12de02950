import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `segment_member.run_id`: the metric run whose labels put the customer in a segment of kind
 * PLUGIN (0 for every other kind). A refresh files its customers under its own run while the
 * previous run stays served, and serving the new run serves its segments in the same one-row
 * switch: the publishing transaction no longer deletes and re-inserts every member (at 100k
 * customers that held SQLite's request thread for 0.5 s per plugin, and MySQL's locks as long).
 * Existing members of plugin segments are filed under their plugin's served run.
 */
export class SegmentMemberRun1765400000000 implements MigrationInterface {
  name = 'SegmentMemberRun1765400000000';

  async up(q: QueryRunner): Promise<void> {
    if (isMysql(q)) {
      // One statement: the new key still starts with segment_id, which the foreign key needs.
      await q.query('ALTER TABLE segment_member ADD COLUMN run_id INT NOT NULL DEFAULT 0, DROP PRIMARY KEY, ADD PRIMARY KEY (segment_id, run_id, customer_id)');
    } else {
      await rebuildSqlite(q, '"run_id" integer NOT NULL DEFAULT (0), ', 'PRIMARY KEY ("segment_id", "run_id", "customer_id")', 'segment_id, run_id, customer_id, added_at', 'segment_id, 0, customer_id, added_at');
    }
    // A plugin segment's key starts with its plugin's name and a dash; the longest such name owns it.
    const concat = isMysql(q) ? "CONCAT(mc.plugin, '-%')" : "mc.plugin || '-%'";
    const servedRun = `(SELECT mc.run_id FROM segment s JOIN metric_current mc ON s.${isMysql(q) ? '`key`' : '"key"'} LIKE ${concat}
      WHERE s.id = segment_member.segment_id ORDER BY LENGTH(mc.plugin) DESC LIMIT 1)`;
    const pluginSegments = "segment_id IN (SELECT id FROM segment WHERE kind = 'PLUGIN')";
    await q.query(`DELETE FROM segment_member WHERE ${pluginSegments} AND ${servedRun} IS NULL`);
    await q.query(`UPDATE segment_member SET run_id = ${servedRun} WHERE ${pluginSegments}`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to one membership per segment and customer: the served run's.
    await q.query('DELETE FROM segment_member WHERE run_id <> 0 AND run_id NOT IN (SELECT run_id FROM metric_current)');
    if (isMysql(q)) {
      await q.query('ALTER TABLE segment_member DROP PRIMARY KEY, ADD PRIMARY KEY (segment_id, customer_id), DROP COLUMN run_id');
    } else {
      await rebuildSqlite(q, '', 'PRIMARY KEY ("segment_id", "customer_id")', 'segment_id, customer_id, added_at', 'segment_id, customer_id, added_at');
    }
  }
}

const isMysql = (q: QueryRunner) => q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';

/** SQLite cannot change a primary key in place: the table is copied into a new one (foreign keys are off during migrations). */
async function rebuildSqlite(q: QueryRunner, runColumn: string, primaryKey: string, columns: string, from: string): Promise<void> {
  await q.query(`CREATE TABLE "segment_member_next" ("segment_id" integer NOT NULL, ${runColumn}"customer_id" integer NOT NULL, "added_at" datetime(3) NOT NULL,
    CONSTRAINT "FK_fdd12e02edcf826d853bf646edd" FOREIGN KEY ("segment_id") REFERENCES "segment" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_5ceb91f0121ea25b558c942160a" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE, ${primaryKey})`);
  await q.query(`INSERT INTO segment_member_next (${columns}) SELECT ${from} FROM segment_member`);
  await q.query('DROP TABLE segment_member');
  await q.query('ALTER TABLE segment_member_next RENAME TO segment_member');
  await q.query('CREATE INDEX "IDX_5ceb91f0121ea25b558c942160" ON "segment_member" ("customer_id")');
}
