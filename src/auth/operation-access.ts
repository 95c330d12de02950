import { type DocumentNode, GraphQLError, type GraphQLSchema, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
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

// Rules name only root fields today, so the common case (a caller who may see personal data)
// needs no walk of the whole document with type information.
const rootRulesOnly = Object.keys(operationRules).every((c) => c.startsWith('Query.') || c.startsWith('Mutation.'));

/** The root fields of an operation, through fragments spread or inlined at its root. */
function rootFields(set: SelectionSetNode, document: DocumentNode, out: string[] = [], seen = new Set<string>()): string[] {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) rootFields(s.selectionSet, document, out, seen);
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) rootFields(fragment.selectionSet, document, out, seen);
    }
  }
  return out;
}

function ruleRefusal(coordinate: string, caller: Principal): Refusal | null {
  const needed = operationRules[coordinate];
  return needed && !caller.can(needed) ? { coordinate, permission: needed, reason: `${coordinate} needs the permission "${needed}"` } : null;
}

/** The first thing in the operation (fragments included) the caller may not do, or null. */
function firstRefusal(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, caller: Principal, piiKeys: ReadonlySet<string>): Refusal | null {
  const checkInputs = !caller.can(Permission.PII_READ);
  if (rootRulesOnly) {
    const root = operation.operation === 'mutation' ? 'Mutation' : 'Query';
    for (const name of rootFields(operation.selectionSet, document)) {
      const refused = ruleRefusal(`${root}.${name}`, caller);
      if (refused) return refused;
    }
    if (!checkInputs) return null;
  }
  let refusal: Refusal | null = null;
  visitOperationFields(schema, document, operation, variables, ({ coordinate, args, values }) => {
    refusal = ruleRefusal(coordinate, caller);
    if (refusal) return true;
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
