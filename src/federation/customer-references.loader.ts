import DataLoader from 'dataloader';
import type { Customer } from '../customers/customer.entity';

/** One of a customer's two keys, as a representation gives it. */
export type CustomerKey = { id: number } | { externalId: string };

/**
 * Customers by either key through the request's own loaders (one statement per key kind), all
 * answered together: the customers of one `_entities` call then reach their field resolvers in one
 * wave, so summaries, segments and the like are loaded once for all of them, not once per key kind.
 */
export function customerReferencesLoader(loaders: { customerById: DataLoader<number, Customer | null>; customerByExternalId: DataLoader<string, Customer | null> }) {
  return new DataLoader<CustomerKey, Customer | null, string>(async (keys) => {
    const ids = keys.flatMap((k) => ('id' in k ? [k.id] : []));
    const externalIds = keys.flatMap((k) => ('externalId' in k ? [k.externalId] : []));
    const [byId, byExternalId] = await Promise.all([loaders.customerById.loadMany(ids), loaders.customerByExternalId.loadMany(externalIds)]);
    let i = 0;
    let e = 0;
    return keys.map((k) => ('id' in k ? byId[i++] : byExternalId[e++]) ?? null);
  }, { cacheKeyFn: (k) => ('id' in k ? `id:${k.id}` : `externalId:${k.externalId}`) });
}
