import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from './errors';

/**
 * A list field costs its children times the rows it may return (`first`, or the default page
 * size), so a nested query asking for pages within pages is priced by its worst case.
 */
function pagedEstimator(defaultPage: number): ComplexityEstimator {
  return ({ args, childComplexity, field }) => {
    if (!('first' in args) && !field.args.some((a) => a.name === 'first')) return undefined;
    const first = typeof args.first === 'number' ? args.first : defaultPage;
    return 1 + childComplexity * Math.max(first, 1);
  };
}

export function costLimitPlugin(schema: GraphQLSchema, maxCost: number, defaultPage: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName,
              estimators: [pagedEstimator(defaultPage), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Invalid variables: execution reports them as BAD_USER_INPUT with their path.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query cost ${cost} exceeds the limit of ${maxCost} (QUERY_COST_MAX); ask for smaller pages or fewer nested lists.`,
              { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost } },
            );
          }
        },
      };
    },
  };
}
