import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { apiSchemaText, subgraphSdlText } from '../federation/published-schemas';
import { buildAppSchema } from '../graphql/schema';

// `npm run schema:emit` writes schema/schema.graphql (the API) and schema/subgraph.graphql (the
// federation subgraph SDL); `npm run schema:check` fails if either is stale.
const dir = path.resolve(__dirname, '../../schema');
const header = '# Generated from the code by `npm run schema:emit`. Do not edit; CI fails on drift.\n';
const subgraphHeader = '# What `_service { sdl }` answers: compose a supergraph from this file.\n';

async function main(): Promise<void> {
  const schema = await buildAppSchema();
  const files = [
    { file: path.join(dir, 'schema.graphql'), text: `${header}\n${apiSchemaText(schema)}\n` },
    { file: path.join(dir, 'subgraph.graphql'), text: `${header}${subgraphHeader}\n${subgraphSdlText(schema)}\n` },
  ];
  if (process.argv.includes('--check')) {
    const stale = files.filter(({ file, text }) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '') !== text);
    for (const { file } of stale) process.stderr.write(`${path.relative(process.cwd(), file)} is out of date with the code: run \`npm run schema:emit\` and commit it.\n`);
    if (stale.length) process.exit(1);
    process.stdout.write(`${files.map(({ file }) => path.relative(process.cwd(), file)).join(' and ')} are up to date.\n`);
    return;
  }
  for (const { file, text } of files) {
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
