import type { DataSource, QueryResult, QueryRunner } from 'typeorm';
import { bulkLoadBatches } from '../db/bulk-load';
import { isMysql } from '../db/dialect';
import { toSqlDate } from '../db/sql-date';
import type { Content } from '../interactions/interaction-ingest.service';

const TABLE = 'import_interaction';
const REPEATS = 'import_interaction_repeat';
/** The interaction's stored columns, as the staged rows carry them. */
const CONTENT = ['external_id', 'customer_id', 'occurred_at', 'type', 'channel', 'contact_level', 'amount', 'currency', 'margin',
  'expectation_score', 'perception_score', 'note', 'metadata', 'fingerprint', 'created_at'];
/** A staged row's cells in this order: its file row, its fields as read (kept only for a rejects file), then {@link CONTENT}. */
const STAGED_COLUMNS = ['row_no', 'source', ...CONTENT];
export type StagedCell = string | number | null;

/** A staged row, in {@link STAGED_COLUMNS} order: the interaction's content as `recordInteractions` stores it. */
export function stagedRow(row: number, source: string | null, c: Content, fingerprint: string, createdAt: string): StagedCell[] {
  return [row, source, c.externalId, c.customerId, toSqlDate(c.occurredAt), c.type, c.channel, c.contactLevel, c.amount, c.currency, c.margin,
    c.expectationScore, c.perceptionScore, c.note, c.metadata === null ? null : JSON.stringify(c.metadata), fingerprint, createdAt];
}

/** Drops the staging tables, if this connection holds them (a pooled connection may, from an import that failed). */
async function dropTables(qr: QueryRunner, mysql: boolean): Promise<void> {
  if (mysql) await qr.query(`DROP TEMPORARY TABLE IF EXISTS ${TABLE}, ${REPEATS}`);
  else for (const t of [TABLE, REPEATS]) await qr.query(`DROP TABLE IF EXISTS temp.${t}`);
}

/** What the staged checks found about a row: new, already stored as it is, or refused. */
enum State { NEW = 0, UNCHANGED = 1, REPEAT = 2, CONFLICT = 3 }

/** A staged row refused by the checks over the whole file. */
export interface StagedProblem {
  row: number;
  message: string;
  /** The row's fields as read, when the staging kept them. */
  source: Record<string, unknown> | undefined;
}

/**
 * A file of interactions, staged in a temporary table on one connection before any of it is
 * written: the checks that need every row (an external id given twice in the file, or stored
 * with other content) are then one set-based statement each, and the new rows are copied into
 * `interaction` a range at a time. Close it in every case; the table goes with the connection.
 */
export class InteractionStaging {
  private constructor(private readonly qr: QueryRunner, private readonly mysql: boolean) {}

  static async open(ds: DataSource): Promise<InteractionStaging> {
    const qr = ds.createQueryRunner();
    const mysql = isMysql(ds);
    try {
      await qr.connect();
      await dropTables(qr, mysql);
      // On MySQL the content columns are copied from `interaction`, types and collations alike
      // (external ids compare as there); the table has no index but its key while rows stream in.
      if (mysql) {
        await qr.query(`CREATE TEMPORARY TABLE ${TABLE} SELECT ${CONTENT.join(', ')} FROM interaction WHERE 1 = 0`);
        await qr.query(`ALTER TABLE ${TABLE} ADD row_no INT NOT NULL PRIMARY KEY FIRST, ADD source MEDIUMTEXT NULL, ADD state TINYINT NOT NULL DEFAULT 0`);
      } else {
        await qr.query(`CREATE TEMP TABLE ${TABLE} (row_no INTEGER PRIMARY KEY, source TEXT, state INTEGER NOT NULL DEFAULT 0,
          external_id TEXT NOT NULL, customer_id INTEGER NOT NULL, occurred_at DATETIME NOT NULL, type TEXT NOT NULL, channel TEXT NOT NULL,
          contact_level TEXT, amount DECIMAL, currency TEXT, margin DECIMAL, expectation_score DOUBLE, perception_score DOUBLE,
          note TEXT, metadata TEXT, fingerprint TEXT NOT NULL, created_at DATETIME NOT NULL)`);
      }
    } catch (err) {
      await qr.release();
      throw err;
    }
    return new InteractionStaging(qr, mysql);
  }

  /** Stages the rows as they are produced (on MySQL/MariaDB one LOAD DATA reads them as they come). */
  async load(batches: AsyncIterable<StagedCell[][]>): Promise<number> {
    return bulkLoadBatches(this.qr, TABLE, STAGED_COLUMNS, batches);
  }

  /**
   * Marks each staged row: a repeat of an earlier row's external id, stored already with the
   * same content (unchanged) or other content (a conflict: interactions are immutable), or new.
   */
  async check(): Promise<{ new: number; unchanged: number; refused: number }> {
    const q = (sql: string, params: unknown[] = []) => this.qr.query(sql, params);
    await q(`CREATE INDEX ${TABLE}_external_id ON ${TABLE} (external_id)`);
    // A table of the repeated ids: MySQL cannot open a temporary table twice in one statement.
    await q(`CREATE ${this.mysql ? 'TEMPORARY' : 'TEMP'} TABLE ${REPEATS} AS
      SELECT external_id, MIN(row_no) AS first_row FROM ${TABLE} GROUP BY external_id HAVING COUNT(*) > 1`);
    const [{ repeated }] = await q(`SELECT COUNT(*) AS repeated FROM ${REPEATS}`) as { repeated: unknown }[];
    if (Number(repeated)) {
      await q(`UPDATE ${TABLE} SET state = ${State.REPEAT}
        WHERE EXISTS (SELECT 1 FROM ${REPEATS} r WHERE r.external_id = ${TABLE}.external_id AND r.first_row < ${TABLE}.row_no)`);
    }
    await q(`UPDATE ${TABLE} SET state = CASE WHEN (SELECT i.fingerprint FROM interaction i WHERE i.external_id = ${TABLE}.external_id) = ${TABLE}.fingerprint
        THEN ${State.UNCHANGED} ELSE ${State.CONFLICT} END
      WHERE state = ${State.NEW} AND EXISTS (SELECT 1 FROM interaction i WHERE i.external_id = ${TABLE}.external_id)`);
    const counts = new Map((await q(`SELECT state, COUNT(*) AS n FROM ${TABLE} GROUP BY state`) as { state: unknown; n: unknown }[])
      .map((r) => [Number(r.state), Number(r.n)]));
    const n = (s: State) => counts.get(s) ?? 0;
    return { new: n(State.NEW), unchanged: n(State.UNCHANGED), refused: n(State.REPEAT) + n(State.CONFLICT) };
  }

  /** The refused rows in file order, a page at a time. */
  async *problems(): AsyncGenerator<StagedProblem> {
    for (let after = 0; ;) {
      const page = await this.qr.query(`SELECT s.row_no AS r, s.state AS state, s.external_id AS x, s.source AS source, p.first_row AS first
        FROM ${TABLE} s LEFT JOIN ${REPEATS} p ON p.external_id = s.external_id
        WHERE s.state >= ${State.REPEAT} AND s.row_no > ? ORDER BY s.row_no LIMIT 1000`, [after]) as { r: unknown; state: unknown; x: string; source: string | null; first: unknown }[];
      for (const p of page) {
        yield {
          row: Number(p.r),
          message: Number(p.state) === State.REPEAT ? `"${p.x}" is also on row ${Number(p.first)}: keep one` : `"${p.x}" was already recorded with different content; interactions are immutable`,
          source: p.source === null ? undefined : JSON.parse(p.source) as Record<string, unknown>,
        };
      }
      if (page.length < 1000) return;
      after = Number(page[page.length - 1]!.r);
    }
  }

  /**
   * Copies the new rows into `interaction`, one range of file rows per statement (each its own
   * transaction, so no statement holds the table's insert lock for a whole file). Returns the
   * rows written.
   */
  async write(rangeRows: number): Promise<number> {
    const [{ top }] = await this.qr.query(`SELECT MAX(row_no) AS top FROM ${TABLE}`) as { top: unknown }[];
    let written = 0;
    for (let from = 0; from < Number(top ?? 0); from += rangeRows) {
      const r = await this.qr.query(`INSERT INTO interaction (${CONTENT.join(', ')}) SELECT ${CONTENT.join(', ')} FROM ${TABLE}
        WHERE row_no > ? AND row_no <= ? AND state = ${State.NEW}`, [from, from + rangeRows], true) as QueryResult;
      written += r.affected ?? 0;
    }
    return written;
  }

  async close(): Promise<void> {
    try {
      await dropTables(this.qr, this.mysql);
    } finally {
      await this.qr.release();
    }
  }
}
