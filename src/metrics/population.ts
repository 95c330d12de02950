import type { DataSource } from 'typeorm';
import { groupBy, pushTo } from '../common/multimap';
import { Customer } from '../customers/customer.entity';
import { Interaction } from '../interactions/interaction.entity';
import { CustomerLink } from '../relationships/customer-link.entity';
import { toSqlDate } from '../db/sql-date';
import { querySummaryGroups } from '../summaries/summary-query';
import { summarize } from '../summaries/summarize';
import { toMetricInteraction } from './metric-interaction';
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
  return customers.map((c) => ({
    customer: {
      id: c.id, externalId: c.externalId, party: c.party, relationship: c.relationship, channelRole: c.channelRole,
      origin: c.origin, acquiredAt: c.acquiredAt, contractStartedAt: c.contractStartedAt, contractEndedAt: c.contractEndedAt, traits: c.traits,
    },
    summary: summarize(groups.get(c.id) ?? [], o.currency, o.asOf),
    ...(interactions ? { interactions: interactions.get(c.id) ?? [] } : {}),
    ...(links ? { links: links.get(c.id) ?? [] } : {}),
  }));
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

/** The same subjects as a plugin requiring only `requires` would receive them from its own stream. */
export function restrictTo(subjects: MetricSubject[], requires: ReadonlySet<Requirement>): MetricSubject[] {
  if (requires.has('interactions') && requires.has('relationships')) return subjects;
  return subjects.map(({ interactions, links, ...rest }) => ({
    ...rest,
    ...(requires.has('interactions') && interactions ? { interactions } : {}),
    ...(requires.has('relationships') && links ? { links } : {}),
  }));
}
