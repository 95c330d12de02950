import type { DataSource } from 'typeorm';
import { fromSqlDate } from '../../db/sql-date';
import type { ChannelRole, Origin, Party, RelationshipKind } from '../../common/enums';
import { SUMMARY_SELECT, summaryFromRow } from '../../summaries/summary-columns';
import { emptyRecord, type SummaryRecord } from '../../summaries/summary-record';
import type { MetricCustomer } from '../../plugin-api/plugin.contract';

/** A customer as plugins see it, with its stored summary record. */
export interface CustomerRow {
  customer: MetricCustomer;
  record: SummaryRecord;
}

const CUSTOMER_COLUMNS = 'c.id AS c_id, c.external_id AS c_ext, c.party AS c_party, c.relationship AS c_rel, c.channel_role AS c_role, '
  + 'c.origin AS c_origin, c.acquired_at AS c_acq, c.contract_started_at AS c_cstart, c.contract_ended_at AS c_cend, '
  + 'c.churn_reason AS c_reason, c.traits AS c_traits';

function customerFromRow(r: Record<string, unknown>): MetricCustomer {
  return {
    id: Number(r.c_id), externalId: String(r.c_ext), party: r.c_party as Party, relationship: r.c_rel as RelationshipKind,
    channelRole: r.c_role as ChannelRole, origin: r.c_origin as Origin, acquiredAt: fromSqlDate(r.c_acq),
    contractStartedAt: fromSqlDate(r.c_cstart), contractEndedAt: fromSqlDate(r.c_cend), churnReason: (r.c_reason as string | null) ?? null,
    traits: r.c_traits ? JSON.parse(String(r.c_traits)) as Record<string, unknown> : null,
  };
}

export interface CustomerRowsQuery {
  includeInternal: boolean;
  /** Keyset: customers with a greater id, `limit` of them. */
  afterId?: number;
  limit?: number;
  /** Or exactly these customers. */
  ids?: number[];
}

/**
 * One statement for a batch of the population: eligible customers (not erased, INTERNAL ones only
 * when asked) in id order, each with its `customer_summary` row (an empty record without one).
 * Raw rows, no entity hydration: this is the hot path of every refresh.
 */
export async function customerRows(ds: DataSource, q: CustomerRowsQuery): Promise<CustomerRow[]> {
  const where = ['c.erased_at IS NULL'];
  const params: unknown[] = [];
  if (!q.includeInternal) where.push("c.origin <> 'INTERNAL'");
  if (q.ids) {
    if (!q.ids.length) return [];
    where.push(`c.id IN (${q.ids.map(() => '?').join(', ')})`);
    params.push(...q.ids);
  } else {
    where.push('c.id > ?');
    params.push(q.afterId ?? 0);
  }
  const limit = q.limit !== undefined ? ` LIMIT ${Math.floor(q.limit)}` : '';
  const rows = await ds.query(
    `SELECT ${CUSTOMER_COLUMNS}, ${SUMMARY_SELECT('s')} FROM customer c LEFT JOIN customer_summary s ON s.customer_id = c.id
     WHERE ${where.join(' AND ')} ORDER BY c.id${limit}`,
    params,
  ) as Record<string, unknown>[];
  return rows.map((r) => {
    const customer = customerFromRow(r);
    return { customer, record: r.s_customer_id == null ? emptyRecord(customer.id) : summaryFromRow(r) };
  });
}
