import {
  type DocumentNode, type FieldNode, Kind, type SelectionSetNode, type GraphQLArgument, getArgumentValues, getNullableType, getVariableValues, type GraphQLInputType,
  GraphQLInputObjectType, GraphQLList, type GraphQLSchema, type OperationDefinitionNode, TypeInfo, visit, visitWithTypeInfo,
} from 'graphql';

/** The root fields of an operation, through fragments spread or inlined at its root (each fragment once). */
export function rootFieldNodes(set: SelectionSetNode, document: DocumentNode, out: FieldNode[] = [], seen = new Set<string>()): FieldNode[] {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) rootFieldNodes(s.selectionSet, document, out, seen);
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) rootFieldNodes(fragment.selectionSet, document, out, seen);
    }
  }
  return out;
}

/** One field of an operation as the visitor sees it: where it is, and its coerced arguments. */
export interface VisitedField {
  /** `Type.field`, e.g. `Query.customers`. */
  coordinate: string;
  args: readonly GraphQLArgument[];
  /** Coerced argument values (variables substituted, defaults applied); empty when they do not coerce. */
  values: Record<string, unknown>;
}

/**
 * Visits every field of one operation, fragments included, with its coerced arguments. Return
 * true from `visitField` to stop. Variables that do not coerce are left to execution, which
 * reports them with their path, so such fields are visited with no values.
 */
export function visitOperationFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, visitField: (field: VisitedField) => boolean | void): void {
  const { coerced = {} } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  const typeInfo = new TypeInfo(schema);
  let stopped = false;
  visit(document, visitWithTypeInfo(typeInfo, {
    OperationDefinition: (node) => (node === operation ? undefined : false),
    Field(node) {
      const parent = typeInfo.getParentType();
      const def = typeInfo.getFieldDef();
      if (stopped || !parent || !def) return;
      let values: Record<string, unknown> = {};
      if (node.arguments?.length) {
        try {
          values = getArgumentValues(def, node, coerced);
        } catch {
          values = {};
        }
      }
      if (visitField({ coordinate: `${parent.name}.${node.name.value}`, args: def.args, values })) stopped = true;
    },
  }));
}

/**
 * Calls `visitValue(path, coordinate, value)` for every input field and list set in an argument
 * value, at any depth: `path` reads like `filter.traits[2].key`, `coordinate` like `TraitFilter.key`
 * (the argument itself: `Query.customers(filter)`).
 */
export function walkArgumentValue(type: GraphQLInputType, value: unknown, path: string, coordinate: string, visitValue: (path: string, coordinate: string, value: unknown) => void): void {
  visitValue(path, coordinate, value);
  const t = getNullableType(type);
  if (t instanceof GraphQLList) {
    if (Array.isArray(value)) value.forEach((item, i) => walkArgumentValue(t.ofType as GraphQLInputType, item, `${path}[${i}]`, coordinate, visitValue));
    return;
  }
  if (!(t instanceof GraphQLInputObjectType) || value === null || typeof value !== 'object') return;
  for (const [name, field] of Object.entries(t.getFields())) {
    if (name in value) walkArgumentValue(field.type, (value as Record<string, unknown>)[name], `${path}.${name}`, `${t.name}.${name}`, visitValue);
  }
}
