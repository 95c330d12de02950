import path from 'node:path';
import { ScaffoldError, scaffoldPlugin } from './plugin-scaffold';

// `npm run plugin:new <name>`: writes a working free-metric plugin under plugins/<name>/, with a
// passing test and a README, then prints what to do next.
const PLUGINS_DIR = path.resolve(__dirname, '../../plugins');

function main(args: string[]): number {
  const names = args.filter((a) => a !== '--');
  if (names.length !== 1 || names[0].startsWith('-')) {
    process.stderr.write('Usage: npm run plugin:new <name>    (a kebab-case name, e.g. order-value-band)\n');
    return 1;
  }
  const [name] = names;
  try {
    const { files } = scaffoldPlugin(name, PLUGINS_DIR);
    const shown = files.map((f) => `  ${path.relative(process.cwd(), f)}`).join('\n');
    process.stdout.write(`Created plugin "${name}":\n${shown}\n
Next steps:
  1. Run its test:   npx vitest run plugins/${name}
  2. Make it yours:  edit plugins/${name}/${name}.model.ts, index.ts, index.spec.ts and README.md
  3. Turn it on:     add "${name}" to "plugins" in metrics.config.json (options go under "options": { "${name}": { ... } })
  4. Compute it:     npm run metrics:refresh -- --plugin ${name}   (or restart the server: with refreshOnStart it computes new plugins at startup)
See plugins/README.md for the plugin contract.
`);
    return 0;
  } catch (err) {
    if (!(err instanceof ScaffoldError)) throw err;
    process.stderr.write(`plugin:new: ${err.message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
