import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects on the value this resolver returns (through fragments
 * too; directives are not evaluated, so a skipped field counts as selected): lets a resolver leave
 * out the SQL of a costly column nobody asked for.
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const out = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) out.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else visit(info.fragments[s.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return out;
}

/** Whether the query selects a field of this name anywhere under this resolver's value (through fragments too). */
export function selectsAnywhere(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean => (set?.selections ?? []).some((s) => {
    if (s.kind === Kind.FIELD) return s.name.value === name || visit(s.selectionSet);
    return visit(s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : info.fragments[s.name.value]?.selectionSet);
  });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
