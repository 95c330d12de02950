import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql ships both .mjs and .js builds; type-graphql loads the CommonJS one, so tests must too
  // or the schema mixes two copies of graphql ("from another module or realm").
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: path.resolve(import.meta.dirname, 'node_modules/graphql/index.js') },
      { find: /^graphql\/(.*?)(\.m?js)?$/, replacement: path.resolve(import.meta.dirname, 'node_modules/graphql/$1.js') },
    ],
  },
  test: {
    // Run these through Vite too, so their `import 'graphql'` meets the alias above.
    server: { deps: { inline: [/@apollo\/server/, /graphql-scalars/, /graphql-query-complexity/, /@escape\.tech\/graphql-armor/, /@as-integrations/] } },
    include: ['src/**/*.spec.ts', 'plugins/**/*.spec.ts', 'test/**/*.test.ts', 'test/fixtures/**/*.spec.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
