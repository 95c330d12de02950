import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  boundaryProblem, ENTRY, forbiddenLoad, moduleSpecifiers, PLUGIN_FOLDERS, problemsIn, problemsOf, ROOT, sourceFiles,
} from './support/plugin-boundary';

// Plugins (plugins/<name>/ and the fixture plugins) import one module of the host, the plugin API
// (src/plugin-api), and its spec-only module (src/plugin-api/testing) from *.spec.ts files only;
// loading the plugin API loads no GraphQL, TypeORM, database code nor vitest.

const run = promisify(execFile);

/** The modules a fresh Node process has loaded after requiring `module` (a path from the root), through tsx. */
async function modulesLoadedBy(module: string): Promise<string[]> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
  const script = 'require(process.argv[1]); process.stdout.write(JSON.stringify(Object.keys(require.cache)));';
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', script, path.join(ROOT, module)], { cwd: ROOT, env });
  return JSON.parse(stdout) as string[];
}

const loadProblems = (loaded: string[]) => [...new Set(loaded.flatMap((m) => forbiddenLoad(m) ?? []))];

describe('the plugin boundary', () => {
  it('plugins import nothing from src/ but the plugin API (its spec-only module from *.spec.ts only)', () => {
    const files = PLUGIN_FOLDERS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(problemsOf)).toEqual([]);
  });

  it('sees the imports: every plugin under plugins/ imports the entry module', () => {
    const entries = sourceFiles(path.join(ROOT, 'plugins')).filter((f) => path.basename(f) === 'index.ts');
    expect(entries.length).toBeGreaterThanOrEqual(14);
    const importsEntry = (f: string) => moduleSpecifiers(f, fs.readFileSync(f, 'utf8')).some((s) => path.resolve(path.dirname(f), s) === ENTRY);
    expect(entries.filter((f) => fs.existsSync(f) && !importsEntry(f)).map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('names the file and the import that cross it', () => {
    const plugin = path.join(ROOT, 'plugins/demo/index.ts');
    const spec = path.join(ROOT, 'plugins/demo/index.spec.ts');
    expect(boundaryProblem(plugin, '../../src/plugin-api')).toBeNull();
    expect(boundaryProblem(plugin, '../../src/plugin-api/index')).toBeNull();
    expect(boundaryProblem(plugin, './demo.model')).toBeNull();
    expect(boundaryProblem(plugin, 'zod')).toBeNull();
    expect(boundaryProblem(spec, '../../src/plugin-api/testing')).toBeNull();
    expect(boundaryProblem(plugin, '../../src/plugin-api/testing')).toBe(
      "imports '../../src/plugin-api/testing', the spec-only module of the plugin API, outside a *.spec.ts file",
    );
    expect(boundaryProblem(plugin, '../../src/metrics/plugin-loader')).toBe(
      "imports '../../src/metrics/plugin-loader' (src/metrics/plugin-loader): plugins import the host only through '../../src/plugin-api'",
    );
    const text = [
      "import { definePlugin } from '../../src/plugin-api';",
      "import type { MetricSubject } from '../../src/plugin-api/plugin.contract';",
      "export { median } from '../../src/plugin-kit/history/median';",
      "const enums = require('../../src/common/enums');",
      "type Row = import('../../src/summaries/customer-summary').CustomerSummary;",
      "vi.mock('../../src/metrics/score-batch');",
      "const later = () => import('../../src/metrics/engine/fit-pass');",
    ].join('\n');
    expect(problemsIn(plugin, text).map((p) => p.replace(/ \(.*$/, ''))).toEqual([
      "plugins/demo/index.ts: imports '../../src/plugin-api/plugin.contract'",
      "plugins/demo/index.ts: imports '../../src/plugin-kit/history/median'",
      "plugins/demo/index.ts: imports '../../src/common/enums'",
      "plugins/demo/index.ts: imports '../../src/summaries/customer-summary'",
      "plugins/demo/index.ts: imports '../../src/metrics/score-batch'",
      "plugins/demo/index.ts: imports '../../src/metrics/engine/fit-pass'",
    ]);
  });

  it('loading the plugin API loads no GraphQL, TypeORM, database code nor vitest', async () => {
    const loaded = await modulesLoadedBy('src/plugin-api');
    expect(loaded.some((m) => m.startsWith(path.join(ENTRY, 'index')))).toBe(true);
    expect(loadProblems(loaded)).toEqual([]);
  });

  it('would see them loaded: host database and GraphQL code is caught', async () => {
    expect(loadProblems(await modulesLoadedBy('src/metrics/store/population'))).toEqual(
      expect.arrayContaining(['the package typeorm', 'database or GraphQL code src/relationships/customer-link.entity.ts']),
    );
    expect(loadProblems(await modulesLoadedBy('src/graphql/schema'))).toEqual(
      expect.arrayContaining(['the package type-graphql', 'the package reflect-metadata', 'database or GraphQL code src/summaries/customer-summary.type.ts']),
    );
  });
});
