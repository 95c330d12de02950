import { filterSchema } from '@graphql-tools/utils';
import { graphqlSync, type GraphQLSchema, isSpecifiedDirective, printSchema } from 'graphql';

/** Names federation adds: `_entities`, `_Any`, `_Service`..., and the `link__`/`federation__` namespaces. */
const isFederationName = (name: string) => name.startsWith('_') || name.includes('__');

/**
 * schema/schema.graphql: the API as its clients use it. Federation's own root fields, types and
 * directive definitions are left out; they are the same in every subgraph and the SDK has no use
 * for them.
 */
export function apiSchemaText(schema: GraphQLSchema): string {
  return printSchema(filterSchema({
    schema,
    rootFieldFilter: (_operation, fieldName) => !isFederationName(fieldName),
    typeFilter: (typeName) => !isFederationName(typeName),
    directiveFilter: (_name, directive) => isSpecifiedDirective(directive),
  }));
}

/** schema/subgraph.graphql: exactly what `_service { sdl }` answers, what a supergraph is composed from. */
export function subgraphSdlText(schema: GraphQLSchema): string {
  const result = graphqlSync({ schema, source: '{ _service { sdl } }' });
  const sdl = (result.data?._service as { sdl?: unknown } | undefined)?.sdl;
  if (typeof sdl !== 'string') throw new Error(`The schema answers no _service.sdl: ${JSON.stringify(result.errors ?? result.data)}`);
  return sdl;
}
