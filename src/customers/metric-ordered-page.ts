import type { DataSource } from 'typeorm';
import { entitiesById } from '../db/raw-entities';
import { SortDirection } from '../common/enums';
import type { AppConfig } from '../config/config';
import { type Connection, toConnection } from '../graphql/connection.type';
import { decodeCursor, encodeCursor } from '../graphql/cursor';
import type { PageArgs } from '../graphql/page-args';
import { pageSize } from '../graphql/page-args';
import type { MetricRuns } from '../metrics/graphql/metric-run-resolution';
import { type ServedSource, sourceCondition } from '../metrics/host/metric-sources';
import { applyKeyset } from '../graphql/keyset';
import { Customer } from './customer.entity';
import type { CustomerFilter } from './customer-filter.input';
import { customerQuery } from './customer-query';

interface Keyset { value: number | null; id: number }

/**
 * One keyset page of customers ordered by a served metric, driven by the metric's index instead of
 * sorting every customer: customers WITH a value come from one index-ordered query per serving run
 * (each with every filter applied, so the top rows of their union are the top rows overall), those
 * WITHOUT one (NULL: first ascending, last descending, by id) from the customer table. A page reads
 * at most three statements (valued rows, unvalued rows, the customers), whatever its size.
 */
export async function metricOrderedPage(
  ds: DataSource, config: AppConfig, filter: CustomerFilter | null | undefined, runs: MetricRuns,
  key: string, direction: SortDirection, page: PageArgs,
): Promise<Connection<Customer>> {
  const sortKey = `METRIC:${key}:${direction}`;
  const first = pageSize(page.first, config);
  const after = page.after ? decodeCursor(page.after, sortKey) as Keyset : undefined;
  const sources = runs.get(key) ?? [];
  const rows: Keyset[] = [];
  if (first > 0) {
    const want = first + 1;
    const valued = () => valuedRows(ds, filter, runs, sources, key, direction, want - rows.length, after?.value != null ? after : undefined);
    const unvalued = () => unvaluedRows(ds, filter, runs, sources, key, direction, want - rows.length, after?.value == null ? after?.id : undefined);
    const asc = direction === SortDirection.ASC;
    // Ascending: NULLs first, then values; descending: values, then NULLs.
    if (asc) {
      if (!after || after.value === null) rows.push(...await unvalued());
      if (rows.length < want) rows.push(...await valued());
    } else {
      if (!after || after.value !== null) rows.push(...await valued());
      if (rows.length < want) rows.push(...await unvalued());
    }
  }
  const shown = rows.slice(0, first);
  const byId = new Map((await entitiesById(ds, Customer, shown.map((r) => r.id))).map((c) => [c.id, c]));
  // The extra row only says whether another page exists; toConnection drops it.
  const nodes = rows.flatMap((r, i) => (i < first ? byId.get(r.id) ?? [] : [{ id: r.id } as Customer]));
  const valueOf = new Map(rows.map((r) => [r.id, r.value]));
  return toConnection(
    nodes,
    first,
    (c) => encodeCursor(sortKey, valueOf.get(c.id) ?? null, c.id),
    () => customerQuery(ds, filter, runs).getCount(),
  );
}

/** Customers with a served value, past the cursor, best first: one index-ordered query per serving run, merged. */
async function valuedRows(
  ds: DataSource, filter: CustomerFilter | null | undefined, runs: MetricRuns, sources: ServedSource[],
  key: string, direction: SortDirection, limit: number, after: Keyset | undefined,
): Promise<Keyset[]> {
  if (!sources.length || limit <= 0) return [];
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const s of sources) {
    const qb = customerQuery(ds, filter, runs)
      .innerJoin('metric_value', 'ms', 'ms.customer_id = c.id AND ms.run_id = :msRun AND ms.metric_key = :msKey', { msRun: s.runId, msKey: key })
      .select('ms.customer_id', 'id').addSelect('ms.value', 'value')
      .andWhere('ms.value IS NOT NULL');
    if (s.relationship) qb.andWhere('c.relationship = :msRel', { msRel: s.relationship });
    applyKeyset(qb, { column: 'ms.value', nullable: false }, direction, 'ms.customer_id', after, 'ms').limit(limit);
    const [sql, p] = qb.getQueryAndParameters();
    parts.push(sources.length > 1 ? `SELECT * FROM (${sql}) AS s${parts.length}` : sql);
    params.push(...p);
  }
  const dir = direction === SortDirection.ASC ? 'ASC' : 'DESC';
  const sql = sources.length > 1 ? `${parts.join(' UNION ALL ')} ORDER BY value ${dir}, id ${dir} LIMIT ${limit}` : parts[0];
  const raw = await ds.query(sql, params) as { id: number | string; value: number | string }[];
  return raw.map((r) => ({ id: Number(r.id), value: Number(r.value) }));
}

/** Customers matching the filter without a served value (or a NULL one), by id, past the cursor. */
async function unvaluedRows(
  ds: DataSource, filter: CustomerFilter | null | undefined, runs: MetricRuns, sources: ServedSource[],
  key: string, direction: SortDirection, limit: number, afterId: number | undefined,
): Promise<Keyset[]> {
  if (limit <= 0) return [];
  const served = sourceCondition('nv', 'c', sources, 'nv');
  const qb = customerQuery(ds, filter, runs).select('c.id', 'id')
    .andWhere(`NOT EXISTS (SELECT 1 FROM metric_value nv WHERE nv.customer_id = c.id AND nv.metric_key = :nvKey AND nv.value IS NOT NULL AND ${served.sql})`, { ...served.params, nvKey: key });
  applyKeyset(qb, { column: 'c.id', nullable: false }, direction, 'c.id', afterId === undefined ? undefined : { value: afterId, id: afterId }, 'nv').limit(limit);
  const raw = await qb.getRawMany<{ id: number | string }>();
  return raw.map((r) => ({ id: Number(r.id), value: null }));
}
