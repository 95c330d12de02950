import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the tests' operations (test/operations/*.graphql), from the committed schema. */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/operations/**/*.graphql'],
  generates: {
    'test/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
  silent: true,
};

export default config;
