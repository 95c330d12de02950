import { closedLoop, type LoadResult } from './closed-loop.load';
import { type GraphqlEndpoint, postGraphql } from './graphql.client';

export const BY_ID_QUERY = 'query ById($id: ID!) { customer(id: $id) { id clv { value } churn { probability } } }';

/**
 * Closed-loop clients asking `customer(id:) { id clv { value } churn { probability } }` of
 * customers spread over 1..customers (a different one each time), until stop().
 */
export function byIdLoad(endpoint: GraphqlEndpoint, o: { customers: number; clients: number; stop: () => boolean }): Promise<LoadResult> {
  return closedLoop({
    clients: o.clients,
    stop: o.stop,
    // A multiplicative walk over the ids, so that consecutive requests hit different pages.
    request: (n) => postGraphql(endpoint, BY_ID_QUERY, { id: String(1 + ((n * 7919) % o.customers)) }),
  });
}
