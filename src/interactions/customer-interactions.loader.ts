import DataLoader from 'dataloader';
import { groupBy, pushTo } from '../common/multimap';
import type { DataSource } from 'typeorm';
import { SortDirection } from '../common/enums';
import type { SortValue } from '../graphql/cursor';
import { applyKeyset } from '../graphql/keyset';
import { rawEntities } from '../db/raw-entities';
import { Interaction } from './interaction.entity';
import { type InteractionFilter, InteractionOrderField } from './interaction-filter.input';
import { applyInteractionFilter, interactionSort } from './interaction-query';

/** One customer's page request; customers asking for the same page shape share one statement. */
export interface InteractionPageKey {
  customerId: number;
  filter: InteractionFilter | null | undefined;
  limit: number;
  after?: { value: SortValue; id: number };
}

const shapeOf = (k: InteractionPageKey) => JSON.stringify([k.filter ?? null, k.limit, k.after ?? null]);

/**
 * Newest-first interactions of many customers at once: ROW_NUMBER() per customer keeps the first
 * `limit` rows of each, so a page of N customers costs one statement, not N.
 */
export function customerInteractionsLoader(ds: DataSource) {
  return new DataLoader<InteractionPageKey, Interaction[], string>(
    async (keys) => {
      const byShape = new Map<string, InteractionPageKey[]>();
      for (const k of keys) pushTo(byShape, shapeOf(k), k);
      const results = new Map<string, Interaction[]>();
      for (const [shape, group] of byShape) {
        const { filter, limit, after } = group[0];
        const sort = interactionSort(InteractionOrderField.OCCURRED_AT, 'w');
        const inner = ds.createQueryBuilder().select('w.id', 'id').from(Interaction, 'w')
          .addSelect('ROW_NUMBER() OVER (PARTITION BY w.customer_id ORDER BY w.occurred_at DESC, w.id DESC)', 'rn')
          .where('w.customerId IN (:...ids)', { ids: group.map((k) => k.customerId) });
        applyInteractionFilter(inner, 'w', filter, 'w');
        if (after) applyKeyset(inner, sort, SortDirection.DESC, 'w.id', after, 'wk').orderBy();
        const [innerSql, innerParams] = inner.getQueryAndParameters();
        const rows = await rawEntities(ds, Interaction,
          `WHERE id IN (SELECT t.id FROM (${innerSql}) t WHERE t.rn <= ?) ORDER BY customer_id, occurred_at DESC, id DESC`,
          [...innerParams, limit]);
        const found = groupBy(rows, (r) => r.customerId);
        for (const k of group) results.set(`${k.customerId}|${shape}`, found.get(k.customerId) ?? []);
      }
      return keys.map((k) => results.get(`${k.customerId}|${shapeOf(k)}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.customerId}|${shapeOf(k)}` },
  );
}

/** COUNT(*) per customer for a filter; only runs when a client asks for totalCount. */
export function customerInteractionCountLoader(ds: DataSource) {
  return new DataLoader<{ customerId: number; filter: InteractionFilter | null | undefined }, number, string>(
    async (keys) => {
      const out = new Map<string, number>();
      const byFilter = new Map<string, { filter: InteractionFilter | null | undefined; ids: number[] }>();
      for (const k of keys) {
        const f = JSON.stringify(k.filter ?? null);
        const entry = byFilter.get(f) ?? { filter: k.filter, ids: [] };
        entry.ids.push(k.customerId);
        byFilter.set(f, entry);
      }
      for (const [f, { filter, ids }] of byFilter) {
        const qb = ds.createQueryBuilder().select('i.customer_id', 'cid').addSelect('COUNT(*)', 'n').from(Interaction, 'i')
          .where('i.customerId IN (:...ids)', { ids }).groupBy('i.customer_id');
        applyInteractionFilter(qb, 'i', filter);
        for (const r of await qb.getRawMany<{ cid: number; n: number | string }>()) out.set(`${r.cid}|${f}`, Number(r.n));
      }
      return keys.map((k) => out.get(`${k.customerId}|${JSON.stringify(k.filter ?? null)}`) ?? 0);
    },
    { cacheKeyFn: (k) => `${k.customerId}|${JSON.stringify(k.filter ?? null)}` },
  );
}
