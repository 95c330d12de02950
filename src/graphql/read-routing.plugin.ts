import type { ApolloServerPlugin } from '@apollo/server';
import { isDatabaseUnavailable } from '../db/database-unavailable';
import type { ReadRouting } from '../server/read-routing';
import { type GraphContext, readFrom } from './context';

/**
 * Query operations read from the read replica while it is usable (DATABASE_READ_URL); mutations
 * stay on the primary, so what a mutation returns is read after its own write, never from a replica
 * that may not have it yet. A query that found the replica unreachable reports it, so that the next
 * ones read from the primary (its caller gets SERVICE_UNAVAILABLE, HTTP 503, and may retry).
 */
export function readRoutingPlugin(routing: ReadRouting): ApolloServerPlugin<GraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') readFrom(contextValue, routing.forReads());
        },
        async didEncounterErrors({ errors, contextValue }) {
          if (contextValue.readsFrom !== 'replica') return;
          const unreachable = errors.find((e) => isDatabaseUnavailable(e.originalError));
          if (unreachable) routing.reportFailure(unreachable.originalError);
        },
      };
    },
  };
}
