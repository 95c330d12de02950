import type { DataSource } from 'typeorm';
import { groupBy, pushTo } from '../../common/multimap';
import { readAhead } from '../../common/read-ahead';
import { yieldIfBusy } from '../../compute/yield-if-busy';
import { CustomerLink } from '../../relationships/customer-link.entity';
import { fromSqlDate } from '../../db/sql-date';
import { isMysql } from '../../db/dialect';
import { deriveSummary } from '../../summaries/derive-summary';
import { interactionInputsInRange, interactionInputsOf } from '../../summaries/interaction-inputs.query';
import { summarizeInteractions } from '../../summaries/summary-accumulator';
import { emptyRecord } from '../../summaries/summary-record';
import { type CustomerRow, customerRows } from './customer-rows.query';
import { toMetricInteraction } from './metric-interaction';
import type { ServedSource } from '../host/metric-sources';
import { attachMetrics, metricsOf, servedValues } from './served-values';
import type { MetricLink, MetricSubject, Requirement } from '../../plugin-api/plugin.contract';

export interface PopulationOptions {
  asOf: Date;
  currency: string;
  requires: ReadonlySet<Requirement>;
  batchSize?: number;
  /** Only these customers (incremental re-scoring); default: every customer not erased. */
  customerIds?: number[];
  /** Include customers of origin INTERNAL (default false: they are left out). */
  includeInternal?: boolean;
  /** Metric keys of other plugins to hand over (subject.metrics, links[].metrics), with the runs that serve them. */
  reads?: Map<string, ServedSource[]>;
  /** 2: each link also carries the linked customer's own links. */
  linkDepth?: 1 | 2;
  /** Whether the stored summaries stand for the summaries as of `asOf` (see storedSummariesCover); asked when not given. */
  storedSummaries?: boolean;
}

/**
 * Streams the population as MetricSubject batches: customers by id (keyset, never OFFSET), one
 * statement per batch for the customers and their stored summaries and, when asked, one range
 * read of their interactions and their links. Raw rows, no entities. As of now (no interaction
 * after `asOf`) the stored `customer_summary` rows are the summaries; as of a past date they are
 * computed from the same interaction read. The next batch is read while the current one is
 * scored; memory holds those two.
 */
export function population(ds: DataSource, o: PopulationOptions): AsyncGenerator<MetricSubject[]> {
  return readAhead(batches(ds, o));
}

async function* batches(ds: DataSource, o: PopulationOptions): AsyncGenerator<MetricSubject[]> {
  // SQLite's statements hold the request thread while they run: its batches are small.
  const size = o.batchSize ?? (isMysql(ds) ? 2000 : 500);
  const stored = o.storedSummaries ?? await storedSummariesCover(ds, o.asOf, o.currency, isAsOfNow(o.asOf));
  const includeInternal = o.includeInternal ?? false;
  if (o.customerIds) {
    const ids = [...new Set(o.customerIds)].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i += size) {
      const rows = await customerRows(ds, { includeInternal, ids: ids.slice(i, i + size) });
      if (rows.length) yield await subjectsOf(ds, rows, o, stored);
    }
    return;
  }
  for (let lastId = 0; ;) {
    const rows = await customerRows(ds, { includeInternal, afterId: lastId, limit: size });
    if (!rows.length) return;
    lastId = rows[rows.length - 1].customer.id;
    yield await subjectsOf(ds, rows, o, stored);
  }
}

/**
 * Whether a refresh or re-score as of `asOf`, asked for now, is "as of now" (within a minute): it
 * then observes what is recorded while it runs, and catches up with that before it is served.
 * Decided once, when it is asked for: a refresh may wait in the queue and run for minutes.
 */
export function isAsOfNow(asOf: Date, now = Date.now()): boolean {
  return asOf.getTime() >= now - 60_000;
}

/**
 * Whether the stored summaries stand for the summaries as of `asOf`: built in this currency, and
 * either the pass is as of now (see isAsOfNow) or nothing is recorded after `asOf`.
 */
export async function storedSummariesCover(ds: DataSource, asOf: Date, currency: string, asOfNow: boolean): Promise<boolean> {
  // MAX is read from the index on last_interaction_at.
  const [row] = await ds.query(
    'SELECT (SELECT currency FROM summary_state WHERE id = 1) AS currency, (SELECT MAX(last_interaction_at) FROM customer_summary) AS latest',
  ) as { currency: string | null; latest: unknown }[];
  const latest = fromSqlDate(row?.latest);
  return row?.currency === currency && (asOfNow || !latest || latest.getTime() <= asOf.getTime());
}

async function subjectsOf(ds: DataSource, rows: CustomerRow[], o: PopulationOptions, stored: boolean): Promise<MetricSubject[]> {
  const ids = rows.map((r) => r.customer.id);
  const needInteractions = o.requires.has('interactions') || !stored;
  // A keyset batch is a contiguous id range (one range scan); chosen customers (re-scoring) are scattered.
  const inputs = () => (o.customerIds ? interactionInputsOf(ds.manager, ids, o.asOf) : interactionInputsInRange(ds.manager, ids[0], ids[ids.length - 1], o.asOf));
  const all = needInteractions ? await inputs() : [];
  const read = needInteractions ? groupBy(all, (i) => i.customerId) : undefined;
  const links = o.requires.has('relationships') ? await linksOf(ds, ids) : undefined;
  if (links && o.linkDepth === 2) await addSecondLevel(ds, links);
  const metrics = o.reads?.size ? await servedValues(ds, [...ids, ...linkedIds(links)], o.reads) : undefined;
  if (links && metrics) for (const list of links.values()) attachMetrics(list, metrics, o.reads!);
  const subjects: MetricSubject[] = [];
  for (const { customer, record } of rows) {
    const own = read?.get(customer.id) ?? [];
    subjects.push({
      customer,
      // As of a past date the summaries come from the same read, through the one summary definition
      // (customer by customer, so that the loop can let others in between).
      summary: deriveSummary(stored ? record : summarizeInteractions(own, o.currency).get(customer.id) ?? emptyRecord(customer.id), o.currency, o.asOf),
      ...(o.requires.has('interactions') ? { interactions: own.map((i) => toMetricInteraction(i, o.currency)) } : {}),
      ...(links ? { links: links.get(customer.id) ?? [] } : {}),
      ...(metrics ? { metrics: metricsOf(metrics, customer.id, o.reads!) } : {}),
    });
    await yieldIfBusy();
  }
  return subjects;
}

/** The customers and everyone linked to them, up to `depth` links away (in chunks, for long lists). */
export async function withLinkedCustomers(ds: DataSource, ids: number[], depth: 1 | 2): Promise<number[]> {
  const all = new Set(ids);
  let frontier = ids;
  for (let hop = 0; hop < depth && frontier.length; hop++) {
    const next: number[] = [];
    for (let i = 0; i < frontier.length; i += 1000) {
      for (const list of (await linksOf(ds, frontier.slice(i, i + 1000))).values()) {
        for (const l of list) if (!all.has(l.customerId)) { all.add(l.customerId); next.push(l.customerId); }
      }
    }
    frontier = next;
  }
  return [...all];
}

function linkedIds(links: Map<number, MetricLink[]> | undefined): number[] {
  if (!links) return [];
  const out = new Set<number>();
  const walk = (list: MetricLink[]) => list.forEach((l) => { out.add(l.customerId); if (l.links) walk(l.links); });
  for (const list of links.values()) walk(list);
  return [...out];
}

/** Gives every link the linked customer's own links, leaving out the way back. */
async function addSecondLevel(ds: DataSource, links: Map<number, MetricLink[]>): Promise<void> {
  const next = await linksOf(ds, linkedIds(links));
  for (const [owner, list] of links) {
    for (const l of list) l.links = (next.get(l.customerId) ?? []).filter((n) => n.customerId !== owner).map((n) => ({ ...n }));
  }
}

async function linksOf(ds: DataSource, ids: number[]): Promise<Map<number, MetricLink[]>> {
  // A batch whose customers have no links asks for the links of nobody.
  if (!ids.length) return new Map();
  const rows = await ds.getRepository(CustomerLink).createQueryBuilder('l')
    .where('l.fromCustomerId IN (:...ids) OR l.toCustomerId IN (:...ids)', { ids })
    .getMany();
  const mine = new Set(ids);
  const out = new Map<number, MetricLink[]>();
  const add = (owner: number, link: MetricLink) => pushTo(out, owner, link);
  for (const l of rows) {
    if (mine.has(l.fromCustomerId)) add(l.fromCustomerId, { type: l.type, direction: 'OUT', customerId: l.toCustomerId });
    if (mine.has(l.toCustomerId)) add(l.toCustomerId, { type: l.type, direction: 'IN', customerId: l.fromCustomerId });
  }
  return out;
}
