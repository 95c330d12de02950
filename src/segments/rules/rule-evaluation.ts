import type { DataSource, EntityManager } from 'typeorm';
import { writeTransaction } from '../../common/concurrent-write';
import { skipDuplicates } from '../../db/bulk-insert';
import { isMysql } from '../../db/dialect';
import { toSqlDate } from '../../db/sql-date';
import { ruleSql, type RuleSqlScope } from './rule-sql';
import type { Rule } from './rule.types';

/** Which customers an evaluation recomputes: an id range (a chunk of a full pass) or a list (those an ingest touched). */
export type CustomerScope = { from: number; to: number } | { ids: number[] };

/** Customers entering and leaving in one evaluation. */
export interface MembershipDelta {
  entered: number;
  left: number;
}

/** The customers of the scope that match the rule, evaluated once per evaluation (a temporary table of the transaction's connection). */
const MATCHES = 'rule_match';

/**
 * Recomputes the membership of RULE segment `segmentId` for the customers in `scope`, in one
 * transaction of set-based statements: no customer is loaded. The rule is evaluated once, by its
 * SELECTs (see ruleSql), into a temporary table of the matching customers; customers in it that
 * are not members enter, members not in it (no longer matching, or erased) leave. Both are recorded in `segment_change` with the
 * time `at`, and the members' `added_at` (their since-when) is kept for those who stay.
 *
 * On MySQL/MariaDB the segment row is locked first: shared by a range of a full pass (the ranges
 * of one pass run side by side; RuleSegments holds the segment's named lock for the pass, so two
 * passes never overlap), alone by a list of customers (after an ingest), which so waits for any
 * range running on any replica. An edit or deletion of the segment waits too; a segment deleted
 * meanwhile changes nothing.
 */
export function evaluateMembership(ds: DataSource, segmentId: number, rule: Rule, sqlScope: RuleSqlScope, scope: CustomerScope, at: Date): Promise<MembershipDelta> {
  const inScope = (column: string) => ('ids' in scope
    ? `${column} IN (${scope.ids.map((id) => Number(id)).join(', ') || 'NULL'})`
    : `${column} > ${Number(scope.from)} AND ${column} <= ${Number(scope.to)}`);
  const sql = ruleSql(rule, sqlScope, inScope);
  return writeTransaction(ds, { what: 'segment members' }, async (m) => {
    const mysql = isMysql(m);
    const lock = 'ids' in scope ? 'FOR UPDATE' : 'LOCK IN SHARE MODE';
    if (mysql && !(await m.query(`SELECT id FROM segment WHERE id = ? ${lock}`, [segmentId]) as unknown[]).length) return { entered: 0, left: 0 };
    const [{ top }] = await m.query('SELECT MAX(id) AS top FROM segment_change') as { top: number | string | null }[];
    const before = Number(top ?? 0);
    const params = { ...sql.params, segmentId, at: toSqlDate(at) };
    const members = `segment_member m WHERE m.segment_id = :segmentId AND m.run_id = 0 AND ${inScope('m.customer_id')}`;

    await dropMatches(m, mysql);
    // MEMORY: a hash table, so both differences below are hash probes, not B-tree lookups.
    await m.query(mysql ? `CREATE TEMPORARY TABLE ${MATCHES} (customer_id INT NOT NULL PRIMARY KEY) ENGINE=MEMORY` : `CREATE TEMP TABLE ${MATCHES} (customer_id INTEGER PRIMARY KEY)`);
    try {
      for (const [i, select] of sql.selects.entries()) {
        await run(m, `INSERT INTO ${MATCHES} (customer_id) ${select}${i ? skipDuplicates(m, ['customer_id'], MATCHES) : ''}`, params);
      }
      await run(m, `INSERT INTO segment_change (segment_id, customer_id, entered, at)
        SELECT :segmentId, t.customer_id, 1, :at FROM ${MATCHES} t WHERE t.customer_id NOT IN (SELECT m.customer_id FROM ${members})`, params);
      await run(m, `INSERT INTO segment_change (segment_id, customer_id, entered, at)
        SELECT :segmentId, m.customer_id, 0, :at FROM ${members} AND m.customer_id NOT IN (SELECT t.customer_id FROM ${MATCHES} t)`, params);
    } finally {
      await dropMatches(m, mysql);
    }
    // This evaluation's rows: other ranges of the segment may be recorded at the same time.
    const mine = `segment_change WHERE segment_id = :segmentId AND id > :before AND ${inScope('customer_id')}`;
    const counts = await run(m, `SELECT entered, COUNT(*) AS n FROM ${mine} GROUP BY entered`, { ...params, before }) as { entered: unknown; n: unknown }[];
    const delta = { entered: 0, left: 0 };
    for (const r of counts) delta[Number(r.entered) ? 'entered' : 'left'] = Number(r.n);
    if (delta.entered) {
      await run(m, `INSERT INTO segment_member (segment_id, run_id, customer_id, added_at)
        SELECT segment_id, 0, customer_id, at FROM ${mine} AND entered = 1`, { ...params, before });
    }
    if (delta.left) {
      await run(m, `DELETE FROM segment_member WHERE segment_id = :segmentId AND run_id = 0
        AND customer_id IN (SELECT customer_id FROM ${mine} AND entered = 0)`, { ...params, before });
    }
    return delta;
  });
}

function dropMatches(m: EntityManager, mysql: boolean): Promise<unknown> {
  return m.query(mysql ? `DROP TEMPORARY TABLE IF EXISTS ${MATCHES}` : `DROP TABLE IF EXISTS temp.${MATCHES}`);
}

/** Runs SQL with named parameters on either engine. */
function run(m: EntityManager, sql: string, params: Record<string, unknown>): Promise<unknown> {
  const [query, values] = m.connection.driver.escapeQueryWithParameters(sql, params, {});
  return m.query(query, values);
}
