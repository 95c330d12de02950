import type { Customer } from '../customers/customer.entity';
import type { GraphContext } from '../graphql/context';
import type { Segment } from '../segments/segment.entity';
import type { CustomerKey } from './customer-references.loader';

/** A representation as another subgraph sends it: `__typename` and the fields of one key. */
export type Representation = Readonly<Record<string, unknown>>;

/** Customer ids are integers; anything else names no customer (as in `Query.customer`). */
function customerId(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && /^\d{1,15}$/.test(text) ? Number(text) : null;
}

/**
 * The customer a representation names by `id` or by `externalId`, or null if none does (or if it
 * gives both and they name different customers). Through the request's loaders, so the
 * representations of one `_entities` call cost one statement per key, not one per representation.
 */
export async function customerReference(ref: Representation, ctx: GraphContext): Promise<Customer | null> {
  let key: CustomerKey;
  if (ref.id !== undefined) {
    const id = customerId(ref.id);
    if (id === null) return null;
    key = { id };
  } else if (typeof ref.externalId === 'string') {
    key = { externalId: ref.externalId };
  } else {
    return null;
  }
  const customer = await ctx.loaders.customerReferences.load(key);
  return customer && (ref.externalId === undefined || ref.externalId === customer.externalId) ? customer : null;
}

/** The segment a representation names by `key`, or null. */
export async function segmentReference(ref: Representation, ctx: GraphContext): Promise<Segment | null> {
  return typeof ref.key === 'string' ? ctx.loaders.segmentByKey.load(ref.key) : null;
}

/**
 * `__resolveReference` of each entity type, for `buildSubgraphSchema`. They return the stored
 * object only, never fields copied from the representation: a caller cannot make us echo a
 * "customer" it made up.
 */
export const entityReferenceResolvers = {
  Customer: { __resolveReference: (ref: Representation, ctx: GraphContext) => customerReference(ref, ctx) },
  Segment: { __resolveReference: (ref: Representation, ctx: GraphContext) => segmentReference(ref, ctx) },
};
