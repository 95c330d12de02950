import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { AppConfig } from '../config/config';
import { ErrorCode } from './errors';
import { visitOperationFields, walkArgumentValue } from './operation-arguments';

function holdsArray(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  return value !== null && typeof value === 'object' && Object.values(value).some(holdsArray);
}

/** Filter lists each entry of which becomes a clause of its own (a sub-query): a few dozen at most. */
const clauseLists: Readonly<Record<string, number>> = { 'CustomerFilter.traits': 20, 'CustomerFilter.linkedTo': 20, 'CustomerFilter.metrics': 20 };

/** All the list items of one field's arguments: one statement may bind them all, and SQLite binds at most 32,766. */
const ITEMS_PER_FIELD_MAX = 20_000;

/**
 * Every list an operation passes, at any depth (filters, `plugins`, `externalIds`, batches), holds
 * at most BATCH_SIZE_MAX items; filter lists whose entries become clauses of their own at most 20;
 * and the lists of one field's arguments at most 20,000 items together. Refused before anything
 * runs (HTTP 400, BAD_USER_INPUT naming the argument's path), so that no statement meets a
 * database's limit on bound parameters or on the depth of an expression.
 */
export function inputBoundsPlugin(config: AppConfig): ApolloServerPlugin {
  const max = config.batchSizeMax;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // Most operations carry no list at all (a lookup by id): nothing to walk.
          if (!operation || (request.query !== undefined && !request.query.includes('[') && !holdsArray(request.variables))) return;
          let problem: { path: string; size: number; field: string; limit: number; what: string } | undefined;
          visitOperationFields(schema, document, operation, request.variables ?? {}, ({ coordinate, args, values }) => {
            let items = 0;
            for (const arg of args) {
              walkArgumentValue(arg.type, values[arg.name], arg.name, coordinate, (path, inputCoordinate, value) => {
                if (!Array.isArray(value)) return;
                items += value.length;
                const limit = clauseLists[inputCoordinate] ?? max;
                if (!problem && value.length > limit) problem = { path, size: value.length, field: coordinate, limit, what: limit === max ? ' (BATCH_SIZE_MAX)' : ' for a list of filter clauses' };
              });
            }
            if (!problem && items > ITEMS_PER_FIELD_MAX) problem = { path: 'arguments', size: items, field: coordinate, limit: ITEMS_PER_FIELD_MAX, what: ' for all the lists of one field together' };
            return problem !== undefined;
          });
          if (problem) {
            throw new GraphQLError(`${problem.field} ${problem.path}: has ${problem.size} items; the limit is ${problem.limit}${problem.what}. Split the request.`, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, field: problem.path, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
