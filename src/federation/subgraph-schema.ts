import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, lexicographicSortSchema, parse } from 'graphql';
import { createResolversMap } from 'type-graphql';
import { guardEntitiesField } from './entities-field.guard';
import { entityReferenceResolvers } from './entity-references.resolver';

// The resolver map buildSubgraphSchema takes (its type is not exported by name).
type ResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']>;

/**
 * The Federation version the subgraph links. 2.0 has everything it uses (`@key`), so any
 * Federation 2 router or gateway can compose it.
 */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.0';

/**
 * The type-graphql schema as an Apollo Federation 2 subgraph: the same types, fields, resolvers,
 * scalars and enums, plus `_service` and `_entities` for the entities its `@key` directives
 * declare (Customer by `id` or `externalId`, Segment by `key`). Access rules are applied
 * afterwards, to this schema, so `_entities` reads through the same masking as any query.
 */
export function toSubgraphSchema(schema: GraphQLSchema): GraphQLSchema {
  // The @key directives live in the types' AST nodes (type-graphql's @Directive), so they print.
  const typeDefs = parse(`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key"])\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as ResolverMap;
  for (const [typeName, refs] of Object.entries(entityReferenceResolvers)) resolvers[typeName] = { ...resolvers[typeName], ...refs } as ResolverMap[string];
  const subgraph = buildSubgraphSchema({ typeDefs, resolvers });
  guardEntitiesField(subgraph);
  return lexicographicSortSchema(subgraph);
}
