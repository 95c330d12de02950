import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphContext } from '../graphql/context';
import { checkOperationAccess } from './operation-access';

/** Refuses an operation before it runs when the caller lacks a permission any part of it needs. */
export function accessControlPlugin(): ApolloServerPlugin<GraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue: ctx }) {
          if (operation) checkOperationAccess(schema, document, operation, request.variables ?? {}, ctx.caller, ctx.config.auth.piiKeys);
        },
      };
    },
  };
}
