import { PLAN_TABLE } from './population-plan.sql';
import type { SqlDialect } from './sql.dialect';

/** REFERRED links (from the referrer to the referred customer) of the customers from..to; referrers have lower ids. */
export function referralLinksSql(d: SqlDialect, from: number, to: number): string {
  return `INSERT INTO customer_link (type, from_customer_id, to_customer_id, created_at)
    SELECT 'REFERRED', p.referrer_id, p.id, ${d.datetimeFromMs('p.acq_ms')} FROM ${PLAN_TABLE} p
    WHERE p.referrer_id IS NOT NULL AND p.id BETWEEN ${from} AND ${to}`;
}
