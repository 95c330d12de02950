import { type DocumentNode, GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../graphql/errors';
import { rootFieldNodes, visitOperationFields, walkArgumentValue } from '../graphql/operation-arguments';
import { operationRules, personalInputs } from './access-rules';
import type { Principal } from './principal';
import { Permission, rolesGranting } from './roles';

interface Refusal {
  coordinate: string;
  permission: Permission;
  reason: string;
}

function ruleRefusal(coordinate: string, caller: Principal): Refusal | null {
  const needed = operationRules[coordinate];
  return needed && !caller.can(needed) ? { coordinate, permission: needed, reason: `${coordinate} needs the permission "${needed}"` } : null;
}

/**
 * The first thing in the operation (fragments included) the caller may not do, or null. Rules
 * name root fields only (access-rules.ts), so a caller who may see personal data needs no walk of
 * the whole document; one who may not gets its arguments checked at every depth.
 */
function firstRefusal(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, caller: Principal, piiKeys: ReadonlySet<string>): Refusal | null {
  const root = operation.operation === 'mutation' ? 'Mutation' : 'Query';
  for (const field of rootFieldNodes(operation.selectionSet, document)) {
    const refused = ruleRefusal(`${root}.${field.name.value}`, caller);
    if (refused) return refused;
  }
  if (caller.can(Permission.PII_READ)) return null;
  let refusal: Refusal | null = null;
  visitOperationFields(schema, document, operation, variables, ({ coordinate, args, values }) => {
    for (const arg of args) {
      walkArgumentValue(arg.type, values[arg.name], arg.name, `${coordinate}(${arg.name})`, (_path, inputCoordinate, value) => {
        if (!refusal && personalInputs[inputCoordinate]?.(value, piiKeys)) {
          refusal = { coordinate, permission: Permission.PII_READ, reason: `filtering or sorting by ${inputCoordinate} reveals personal data and needs the permission "${Permission.PII_READ}"` };
        }
      });
    }
    return refusal !== null;
  });
  return refusal;
}

/**
 * Checks a whole operation before any of it runs, so a refused request executes and writes nothing.
 * Throws FORBIDDEN (HTTP 403) naming the field and the missing permission.
 */
export function checkOperationAccess(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, caller: Principal, piiKeys: ReadonlySet<string>): void {
  if (caller.can(Permission.ADMIN)) return; // admin holds every permission
  const refusal = firstRefusal(schema, document, operation, variables, caller, piiKeys);
  if (!refusal) return;
  throw new GraphQLError(`Forbidden: ${refusal.reason} (granted to ${rolesGranting(refusal.permission).join(', ')}); this caller's roles: ${caller.roles.join(', ') || 'none'}.`, {
    extensions: { code: ErrorCode.FORBIDDEN, permission: refusal.permission, field: refusal.coordinate, http: { status: 403 } },
  });
}
