import type { DataSource } from 'typeorm';
import { type GraphqlEndpoint, postGraphql } from './graphql.client';
import { timed } from './latency.stats';

/** The external ids of the purchases this measure records start so (a reused population drops them). */
export const INGESTED_PREFIX = 'bench-scale-';

const MUTATION = 'mutation Record($input: [InteractionInput!]!) { recordInteractions(input: $input) { created unchanged } }';

/**
 * One `recordInteractions` batch of `count` purchases over HTTP, one for each of `count` existing
 * customers spread over the id range (external ids `S<id>`), a minute ago: the write, the
 * customers' summaries and stats, and the re-scoring of every plugin with a served run.
 */
export async function measureIngest(endpoint: GraphqlEndpoint, o: { customers: number; count: number; currency: string }): Promise<{ ms: number; created: number }> {
  const stamp = Date.now();
  const occurredAt = new Date(stamp - 60_000).toISOString();
  const n = Math.min(o.count, o.customers);
  const input = Array.from({ length: n }, (_, i) => ({
    externalId: `${INGESTED_PREFIX}${stamp}-${i}`,
    customerExternalId: `S${1 + Math.floor((i * o.customers) / n)}`,
    occurredAt, type: 'PURCHASE', channel: 'WEB', contactLevel: 'LOW', amount: 42.5, currency: o.currency, margin: 12.75,
  }));
  const { value, ms } = await timed(() => postGraphql<{ recordInteractions: { created: number } }>(endpoint, MUTATION, { input }));
  return { ms, created: value.recordInteractions.created };
}

/**
 * Deletes the purchases earlier runs' ingest measure recorded, so that a reused population is the
 * generated one again; returns their customers, whose summaries and stats need recomputing.
 */
export async function dropIngestedPurchases(ds: DataSource): Promise<number[]> {
  const rows = await ds.query('SELECT DISTINCT customer_id AS id FROM interaction WHERE external_id LIKE ?', [`${INGESTED_PREFIX}%`]) as { id: number | string }[];
  if (rows.length) await ds.query('DELETE FROM interaction WHERE external_id LIKE ?', [`${INGESTED_PREFIX}%`]);
  return rows.map((r) => Number(r.id));
}
