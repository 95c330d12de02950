import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphContext } from './context';

/** One log line per GraphQL operation: request id, name, duration, SQL statements, the database read and error codes. */
export function requestLogPlugin(): ApolloServerPlugin<GraphContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors, contextValue: ctx }) {
          ctx.log.info({
            operationName: operationName ?? null,
            durationMs: Math.round(performance.now() - started),
            sqlStatements: ctx.sql.statements,
            readsFrom: ctx.readsFrom,
            errors: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
          }, 'graphql operation');
        },
      };
    },
  };
}
