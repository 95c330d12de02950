import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { buildAppSchema } from '../graphql/schema';

// `npm run schema:emit` writes schema/schema.graphql; `npm run schema:check` fails if it is stale.
const file = path.resolve(__dirname, '../../schema/schema.graphql');
const header = '# Generated from the code by `npm run schema:emit`. Do not edit; CI fails on drift.\n\n';

async function main(): Promise<void> {
  const text = header + printSchema(await buildAppSchema()) + '\n';
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current !== text) {
      process.stderr.write('schema/schema.graphql is out of date with the code: run `npm run schema:emit` and commit it.\n');
      process.exit(1);
    }
    process.stdout.write('schema/schema.graphql is up to date.\n');
    return;
  }
  fs.writeFileSync(file, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
