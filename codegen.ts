import type { CodegenConfig } from '@graphql-codegen/cli';

const scalars = { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' };

/**
 * From the committed schema: typed documents for the tests' operations (test/operations), and the
 * client SDK (sdk/): every schema type plus typed documents for its operations (sdk/operations).
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    // Every type of the schema, for code that handles the API's objects beyond these operations.
    'sdk/src/generated/schema.ts': {
      plugins: ['typescript'],
      config: { scalars, enumsAsTypes: true, avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false } },
    },
    'sdk/src/generated/graphql.ts': {
      documents: ['sdk/operations/**/*.graphql'],
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { scalars, enumsAsTypes: true, avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false } },
    },
    'test/generated/graphql.ts': {
      documents: ['test/operations/**/*.graphql'],
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
  silent: true,
};

export default config;
