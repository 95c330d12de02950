import { GraphQLError, type ValidationRule } from 'graphql';
import type { AppConfig } from '../config/config';

/**
 * `_service { sdl }` prints the whole schema, so it is refused as introspection is: with
 * GRAPHQL_INTROSPECTION off it fails validation (HTTP 400, GRAPHQL_VALIDATION_FAILED). A
 * supergraph is then composed from the published schema/subgraph.graphql.
 */
export function serviceSdlRules(config: Pick<AppConfig, 'introspection'>): ValidationRule[] {
  if (config.introspection) return [];
  const rule: ValidationRule = (context) => ({
    Field(node) {
      if (node.name.value !== '_service' || context.getParentType() !== context.getSchema().getQueryType()) return;
      context.reportError(new GraphQLError('_service is not available: introspection is off (GRAPHQL_INTROSPECTION). Compose the supergraph from the published schema/subgraph.graphql.', { nodes: node }));
    },
  });
  return [rule];
}
