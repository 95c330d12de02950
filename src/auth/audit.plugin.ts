import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FieldNode } from 'graphql';
import type { GraphContext } from '../graphql/context';
import { rootFieldNodes } from '../graphql/operation-arguments';
import { recordAudit } from './audit-log.service';

/** Integer fields of mutation payloads worth keeping: what changed, never who or what it was. */
const countFields = new Set(['created', 'updated', 'unchanged', 'added', 'alreadyMembers', 'removed', 'linked']);

function itemCount(field: FieldNode, variables: Record<string, unknown>): number {
  let items = 0;
  for (const arg of field.arguments ?? []) {
    const v = arg.value;
    if (v.kind === Kind.LIST) items += v.values.length;
    else if (v.kind === Kind.VARIABLE && Array.isArray(variables[v.name.value])) items += (variables[v.name.value] as unknown[]).length;
  }
  return items || 1;
}

function resultCounts(result: unknown): Record<string, number> {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return {};
  return Object.fromEntries(Object.entries(result).filter(([k, v]) => countFields.has(k) && Number.isInteger(v)) as [string, number][]);
}

/**
 * Every mutation, accepted or refused, leaves one audit row per top-level field: the caller, the
 * operation, how many items it carried and changed, the outcome. Written after the response is
 * final; a failure to write it is logged, not sent to the caller, whose data is already committed.
 */
export function auditPlugin(): ApolloServerPlugin<GraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, document, response, request, contextValue: ctx }) {
          if (operation?.operation !== 'mutation' || !document || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const variables = request.variables ?? {};
          // Fragments included: a mutation wrapped in one is audited like any other.
          const entries = rootFieldNodes(operation.selectionSet, document).map((field) => {
            const key = field.alias?.value ?? field.name.value;
            // An error without a path (refused before execution) concerns every field.
            const error = errors?.find((e) => !e.path || e.path[0] === key);
            return {
              operation: field.name.value,
              outcome: error ? String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'ok',
              counts: { items: itemCount(field, variables), ...resultCounts(data?.[key]) },
            };
          });
          try {
            await recordAudit(ctx.primary, ctx.caller, ctx.requestId, entries);
          } catch (err) {
            ctx.log.error({ err, entries }, 'could not write the audit log');
          }
        },
      };
    },
  };
}
