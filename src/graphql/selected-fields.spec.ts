import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from './selected-fields';

/** The resolve info of the first root field of `query`, as far as selectedFields reads it. */
function infoOf(query: string): GraphQLResolveInfo {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectedFields', () => {
  it('names the fields selected on the result, through aliases, inline and named fragments', () => {
    const info = infoOf(`{ interactionStats { period n: count ... on InteractionStatsRow { revenue } ...More } }
      fragment More on InteractionStatsRow { margin ... on InteractionStatsRow { customers } }`);
    expect([...selectedFields(info)].sort()).toEqual(['count', 'customers', 'margin', 'period', 'revenue']);
  });

  it('leaves out what is not asked for', () => {
    expect(selectedFields(infoOf('{ interactionStats { period count } }')).has('customers')).toBe(false);
  });
});
