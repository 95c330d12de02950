import type { ApolloServerPlugin } from '@apollo/server';
import type { AppConfig } from '../config/config';
import { visitOperationFields } from '../graphql/operation-arguments';
import { representationLimit, tooManyRepresentations } from './representation-limit';

/**
 * Refuses, before anything runs, an operation whose `_entities` fields (aliases added up) carry
 * more representations than the limit (representation-limit.ts).
 */
export function representationLimitPlugin(config: AppConfig): ApolloServerPlugin {
  const limit = representationLimit(config);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // Ordinary operations never name the field: nothing to walk.
          if (!operation || (request.query !== undefined && !request.query.includes('_entities'))) return;
          const coordinate = `${schema.getQueryType()?.name ?? 'Query'}._entities`;
          let count = 0;
          visitOperationFields(schema, document, operation, request.variables ?? {}, (field) => {
            if (field.coordinate === coordinate && Array.isArray(field.values.representations)) count += field.values.representations.length;
          });
          if (count > limit) throw tooManyRepresentations(count, limit);
        },
      };
    },
  };
}
