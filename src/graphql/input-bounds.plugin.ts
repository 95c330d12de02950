import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { AppConfig } from '../config/config';
import { ErrorCode } from './errors';
import { visitOperationFields, walkArgumentValue } from './operation-arguments';

function holdsArray(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  return value !== null && typeof value === 'object' && Object.values(value).some(holdsArray);
}

/**
 * Every list an operation passes, at any depth (filters, `plugins`, `externalIds`, batches), holds
 * at most BATCH_SIZE_MAX items: refused before anything runs (HTTP 400, BAD_USER_INPUT naming the
 * argument's path), so no statement ever meets the database's limit on bound parameters.
 */
export function inputBoundsPlugin(config: AppConfig): ApolloServerPlugin {
  const max = config.batchSizeMax;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // Most operations carry no list at all (a lookup by id): nothing to walk.
          if (!operation || (request.query !== undefined && !request.query.includes('[') && !holdsArray(request.variables))) return;
          let problem: { path: string; size: number; field: string } | undefined;
          visitOperationFields(schema, document, operation, request.variables ?? {}, ({ coordinate, args, values }) => {
            for (const arg of args) {
              walkArgumentValue(arg.type, values[arg.name], arg.name, coordinate, (path, _c, value) => {
                if (!problem && Array.isArray(value) && value.length > max) problem = { path, size: value.length, field: coordinate };
              });
            }
            return problem !== undefined;
          });
          if (problem) {
            throw new GraphQLError(`${problem.field} ${problem.path}: has ${problem.size} items; the limit is ${max} (BATCH_SIZE_MAX). Split the request.`, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, field: problem.path, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
