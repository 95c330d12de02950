import type { DataSource } from 'typeorm';
import { groupBy, pushTo } from '../common/multimap';
import { Customer } from '../customers/customer.entity';
import { Interaction } from '../interactions/interaction.entity';
import { CustomerLink } from '../relationships/customer-link.entity';
import { toSqlDate } from '../db/sql-date';
import { querySummaryGroups } from '../summaries/summary-query';
import { summarize } from '../summaries/summarize';
import { toMetricInteraction } from './metric-interaction';
import type { ServedSource } from './metric-sources';
import { attachMetrics, metricsOf, servedValues } from './served-values';
import type { PluginNeeds } from './plugin-needs';
import type { MetricInteraction, MetricLink, MetricSubject, Requirement } from './plugin.contract';

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
}

/**
 * Streams the population as MetricSubject batches: customers by id (keyset, never OFFSET), each
 * batch with its summaries from one grouped statement and, when asked, its interactions and
 * links. Memory holds one batch at a time, never all interactions.
 */
export async function* population(ds: DataSource, o: PopulationOptions): AsyncGenerator<MetricSubject[]> {
  const size = o.batchSize ?? 1000;
  const eligible = () => {
    const qb = ds.getRepository(Customer).createQueryBuilder('c').where('c.erasedAt IS NULL').orderBy('c.id').limit(size);
    return o.includeInternal ? qb : qb.andWhere("c.origin <> 'INTERNAL'");
  };
  if (o.customerIds) {
    for (let i = 0; i < o.customerIds.length; i += size) {
      const customers = await eligible().andWhere('c.id IN (:...ids)', { ids: o.customerIds.slice(i, i + size) }).getMany();
      if (customers.length) yield await subjectsFor(ds, customers, o);
    }
    return;
  }
  for (let lastId = 0; ;) {
    const customers = await eligible().andWhere('c.id > :lastId', { lastId }).getMany();
    if (!customers.length) return;
    lastId = customers[customers.length - 1].id;
    yield await subjectsFor(ds, customers, o);
  }
}

async function subjectsFor(ds: DataSource, customers: Customer[], o: PopulationOptions): Promise<MetricSubject[]> {
  const ids = customers.map((c) => c.id);
  const groups = groupBy(await querySummaryGroups(ds, ids, o.currency, o.asOf), (g) => g.customerId);
  const interactions = o.requires.has('interactions') ? await interactionsOf(ds, ids, o) : undefined;
  const links = o.requires.has('relationships') ? await linksOf(ds, ids) : undefined;
  if (links && o.linkDepth === 2) await addSecondLevel(ds, links);
  const metrics = o.reads?.size ? await servedValues(ds, [...ids, ...linkedIds(links)], o.reads) : undefined;
  if (links && metrics) for (const list of links.values()) attachMetrics(list, metrics, o.reads!);
  return customers.map((c) => ({
    customer: {
      id: c.id, externalId: c.externalId, party: c.party, relationship: c.relationship, channelRole: c.channelRole,
      origin: c.origin, acquiredAt: c.acquiredAt, contractStartedAt: c.contractStartedAt, contractEndedAt: c.contractEndedAt,
      churnReason: c.churnReason, traits: c.traits,
    },
    summary: summarize(groups.get(c.id) ?? [], o.currency, o.asOf),
    ...(interactions ? { interactions: interactions.get(c.id) ?? [] } : {}),
    ...(links ? { links: links.get(c.id) ?? [] } : {}),
    ...(metrics ? { metrics: metricsOf(metrics, c.id, o.reads!) } : {}),
  }));
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

async function interactionsOf(ds: DataSource, ids: number[], o: PopulationOptions): Promise<Map<number, MetricInteraction[]>> {
  const rows = await ds.getRepository(Interaction).createQueryBuilder('i')
    .where('i.customerId IN (:...ids)', { ids })
    .andWhere('i.occurredAt <= :asOf', { asOf: toSqlDate(o.asOf) })
    .orderBy('i.customerId').addOrderBy('i.occurredAt').addOrderBy('i.id')
    .getMany();
  const out = new Map<number, MetricInteraction[]>();
  for (const i of rows) pushTo(out, i.customerId, toMetricInteraction(i, o.currency));
  return out;
}

async function linksOf(ds: DataSource, ids: number[]): Promise<Map<number, MetricLink[]>> {
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

/** The same subjects as a plugin with these needs would receive them from its own stream. */
export function restrictTo(subjects: MetricSubject[], needs: PluginNeeds): MetricSubject[] {
  const pick = (m: Record<string, number | null> | undefined) => Object.fromEntries(needs.reads.map((k) => [k, m?.[k] ?? null]));
  const trim = (l: MetricLink): MetricLink => {
    const { links, metrics, ...rest } = l;
    return { ...rest, ...(needs.reads.length ? { metrics: pick(metrics) } : {}), ...(needs.linkDepth === 2 && links ? { links: links.map(trim) } : {}) };
  };
  return subjects.map(({ interactions, links, metrics, ...rest }) => ({
    ...rest,
    ...(needs.requires.has('interactions') && interactions ? { interactions } : {}),
    ...(needs.requires.has('relationships') && links ? { links: links.map(trim) } : {}),
    ...(needs.reads.length ? { metrics: pick(metrics) } : {}),
  }));
}
