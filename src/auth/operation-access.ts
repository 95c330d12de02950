import {
  type DocumentNode, getArgumentValues, getNullableType, getVariableValues, GraphQLError, type GraphQLInputType,
  GraphQLInputObjectType, GraphQLList, type GraphQLSchema, type OperationDefinitionNode, TypeInfo, visit, visitWithTypeInfo,
} from 'graphql';
import { ErrorCode } from '../graphql/errors';
import { operationRules, personalInputs } from './access-rules';
import type { Principal } from './principal';
import { Permission, rolesGranting } from './roles';

interface Refusal {
  coordinate: string;
  permission: Permission;
  reason: string;
}

/** Calls `visit(coordinate, value)` for every input field set in an argument value, at any depth. */
function walkInput(type: GraphQLInputType, value: unknown, visitField: (coordinate: string, value: unknown) => void): void {
  const t = getNullableType(type);
  if (t instanceof GraphQLList) {
    if (Array.isArray(value)) for (const item of value) walkInput(t.ofType as GraphQLInputType, item, visitField);
    return;
  }
  if (!(t instanceof GraphQLInputObjectType) || value === null || typeof value !== 'object') return;
  for (const [name, field] of Object.entries(t.getFields())) {
    if (!(name in value)) continue;
    const v = (value as Record<string, unknown>)[name];
    visitField(`${t.name}.${name}`, v);
    walkInput(field.type, v, visitField);
  }
}

/** The first thing in the operation (fragments included) the caller may not do, or null. */
function firstRefusal(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, caller: Principal, piiKeys: ReadonlySet<string>): Refusal | null {
  const checkInputs = !caller.can(Permission.PII_READ);
  const coerced = checkInputs ? getVariableValues(schema, operation.variableDefinitions ?? [], variables).coerced : undefined;
  const typeInfo = new TypeInfo(schema);
  let refusal: Refusal | null = null;
  visit(document, visitWithTypeInfo(typeInfo, {
    OperationDefinition: (node) => (node === operation ? undefined : false),
    Field(node) {
      const parent = typeInfo.getParentType();
      const def = typeInfo.getFieldDef();
      if (refusal || !parent || !def) return;
      const coordinate = `${parent.name}.${node.name.value}`;
      const needed = operationRules[coordinate];
      if (needed && !caller.can(needed)) {
        refusal = { coordinate, permission: needed, reason: `${coordinate} needs the permission "${needed}"` };
        return;
      }
      if (!coerced || !node.arguments?.length) return;
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(def, node, coerced);
      } catch {
        return; // Execution reports a bad argument with its own error.
      }
      for (const arg of def.args) {
        walkInput(arg.type, args[arg.name], (inputCoordinate, value) => {
          if (!refusal && personalInputs[inputCoordinate]?.(value, piiKeys)) {
            refusal = { coordinate, permission: Permission.PII_READ, reason: `filtering or sorting by ${inputCoordinate} reveals personal data and needs the permission "${Permission.PII_READ}"` };
          }
        });
      }
    },
  }));
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

