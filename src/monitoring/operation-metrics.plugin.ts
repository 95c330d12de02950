import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GraphContext } from '../graphql/context';
import type { PrometheusMonitoring } from './prometheus.registry';

/**
 * Counts and times every GraphQL operation Apollo answers, by operation name, type and outcome.
 * Requests refused before Apollo (no credential, a body too large or not JSON) are not operations
 * and are not counted here.
 */
export function operationMetricsPlugin(monitoring: PrometheusMonitoring): ApolloServerPlugin<GraphContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, response }) {
          const body = response.body;
          // The errors as formatted for the client: their codes are the ones it saw.
          const errors: readonly GraphQLFormattedError[] | undefined = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          monitoring.observeOperation({
            resolved: operation !== undefined,
            name: operation?.name?.value ?? null,
            type: operation?.operation,
            errors,
            seconds: (performance.now() - started) / 1000,
          });
        },
      };
    },
  };
}
