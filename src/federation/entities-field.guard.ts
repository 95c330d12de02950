import { type GraphQLFieldResolver, type GraphQLSchema, isUnionType } from 'graphql';
import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { representationLimit, tooManyRepresentations } from './representation-limit';

/**
 * Checks `_entities`' representations before the federation library resolves them: at most the
 * limit (the plugin refuses more before execution; this holds wherever the schema is served), and
 * each an object whose `__typename` is one of our entities. Otherwise the library would answer an
 * unknown type with an internal error, and echo a representation of any other object type back.
 */
export function guardEntitiesField(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const union = schema.getType('_Entity');
  if (!field?.resolve || !isUnionType(union)) return;
  const entities = union.getTypes().map((t) => t.name);
  const resolve = field.resolve as GraphQLFieldResolver<unknown, GraphContext, { representations: unknown[] }>;
  field.resolve = (source, args: { representations: unknown[] }, ctx: GraphContext, info) => {
    const limit = representationLimit(ctx.config);
    if (args.representations.length > limit) throw tooManyRepresentations(args.representations.length, limit);
    args.representations.forEach((ref, index) => {
      const typename = ref !== null && typeof ref === 'object' && !Array.isArray(ref) ? (ref as Record<string, unknown>).__typename : undefined;
      if (typeof typename !== 'string' || !entities.includes(typename)) {
        throw badInput(`not a representation of an entity of this subgraph: give \`__typename\` (${entities.join(' or ')}) and the fields of one of its keys`, { index }, 'representations');
      }
    });
    return resolve(source, args, ctx, info);
  };
}
