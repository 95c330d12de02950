import { type DocumentNode, GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../graphql/errors';
import { visitOperationFields, walkArgumentValue } from '../graphql/operation-arguments';
import { operationRules, personalInputs } from './access-rules';
import type { Principal } from './principal';
import { Permission, rolesGranting } from './roles';

interface Refusal {
  coordinate: string;
  permission: Permission;
  reason: string;
}

/** The first thing in the operation (fragments included) the caller may not do, or null. */
function firstRefusal(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, caller: Principal, piiKeys: ReadonlySet<string>): Refusal | null {
  const checkInputs = !caller.can(Permission.PII_READ);
  let refusal: Refusal | null = null;
  visitOperationFields(schema, document, operation, variables, ({ coordinate, args, values }) => {
    const needed = operationRules[coordinate];
    if (needed && !caller.can(needed)) {
      refusal = { coordinate, permission: needed, reason: `${coordinate} needs the permission "${needed}"` };
      return true;
    }
    if (!checkInputs) return false;
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
