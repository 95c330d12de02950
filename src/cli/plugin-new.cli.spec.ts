import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPluginModule } from '../metrics/host/plugin-loader';
import { runPlugin, subject, subjectFromPurchases } from '../plugin-api';
import { pluginNameProblem, ScaffoldError, scaffoldPlugin } from './plugin-scaffold';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const PLUGINS_DIR = path.join(ROOT, 'plugins');
const suffix = crypto.randomBytes(4).toString('hex');
const name = `zz-scaffold-test-${suffix}`;
const cliName = `zz-scaffold-cli-${suffix}`;
const dir = path.join(PLUGINS_DIR, name);
const asOf = '2026-01-01T00:00:00.000Z';

// The generated folders live under the real plugins/ (their imports are relative to it): always remove them.
afterAll(() => {
  for (const d of [dir, path.join(PLUGINS_DIR, cliName)]) fs.rmSync(d, { recursive: true, force: true });
});

/** A child process environment without this test run's vitest variables, and without colours. */
function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'FORCE_COLOR'));
  return { ...env, NO_COLOR: '1' };
}

function cli(...args: string[]) {
  return run(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/plugin-new.cli.ts', ...args], { cwd: ROOT, env: childEnv() });
}

describe('plugin name checks', () => {
  it.each([
    ['Order_Value', 'is not a kebab-case name'],
    ['order--value', 'is not a kebab-case name'],
    ['order-value-', 'is not a kebab-case name'],
    ['9lives', 'is not a kebab-case name'],
    ['', 'is not a kebab-case name'],
    [`a${'b'.repeat(64)}`, 'is longer than 64 characters'],
    ['clv', '"clv" is a core metric kind (rfm, clv, churn); the host reserves it, so pick another name (e.g. "clv-model")'],
    ['rfm', 'plugins/rfm already exists; pick another name or remove that folder'],
  ])('refuses %j', (bad, message) => {
    expect(pluginNameProblem(bad, PLUGINS_DIR)).toContain(message);
    expect(() => scaffoldPlugin(bad, PLUGINS_DIR)).toThrow(ScaffoldError);
  });

  it('accepts a fresh kebab-case name', () => {
    expect(pluginNameProblem('order-value-band2', PLUGINS_DIR)).toBeNull();
  });
});

describe('scaffoldPlugin', () => {
  it('writes the plugin, its model, a test and a README', () => {
    const result = scaffoldPlugin(name, PLUGINS_DIR);
    expect(result.dir).toBe(dir);
    expect(result.files.map((f) => path.relative(dir, f)).sort()).toEqual(['README.md', 'index.spec.ts', 'index.ts', `${name}.model.ts`].sort());
    for (const f of result.files) expect(fs.statSync(f).size).toBeGreaterThan(200);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(`npx vitest run plugins/${name}`);
    expect(() => scaffoldPlugin(name, PLUGINS_DIR)).toThrow(`plugins/${name} already exists`);
  });

  it('generates a plugin the host loads and the harness runs', async () => {
    const { plugin, problems } = await loadPluginModule(dir, ROOT);
    expect(problems).toEqual([]);
    if (!plugin) throw new Error('the generated plugin did not load');
    expect(plugin).toMatchObject({ name, version: '0.1.0', apiVersion: '1.0' });
    // Order values 30, 60 and 90 around a mean of 60: ratios 0.5, 1 and 1.5.
    const result = await runPlugin(plugin, [
      subjectFromPurchases([{ at: '2025-12-01', amount: 30 }], asOf, { externalId: 'low' }),
      subjectFromPurchases([{ at: '2025-12-01', amount: 50 }, { at: '2025-12-02', amount: 70 }], asOf, { externalId: 'mid' }),
      subjectFromPurchases([{ at: '2025-12-01', amount: 90 }], asOf, { externalId: 'high' }),
      subject({ customer: { externalId: 'none' } }),
    ], { asOf });
    expect(result.models).toEqual({ [`metrics:${name}`]: { meanOrderValue: 60, buyers: 3 } });
    expect(result.results.get(name)).toEqual([{ value: 0.5, label: 'low' }, { value: 1, label: 'typical' }, { value: 1.5, label: 'high' }, null]);
  });

  it('generates code that type-checks under the project settings', () => {
    const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, ROOT);
    const files = ['index.ts', `${name}.model.ts`, 'index.spec.ts'].map((f) => path.join(dir, f));
    const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
    const mine = ts.getPreEmitDiagnostics(program).filter((d) => d.file && path.resolve(d.file.fileName).startsWith(dir));
    expect(mine.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it('generates a test that passes', async () => {
    const { stdout } = await run(path.join(ROOT, 'node_modules/.bin/vitest'), ['run', `plugins/${name}`], { cwd: ROOT, env: childEnv() });
    expect(stdout).toMatch(/Tests\s+\S*4 passed/);
  });
});

describe('npm run plugin:new', () => {
  it('scaffolds and prints the next steps', async () => {
    const { stdout } = await cli(cliName);
    expect(fs.existsSync(path.join(PLUGINS_DIR, cliName, 'index.ts'))).toBe(true);
    expect(stdout).toContain(`Created plugin "${cliName}"`);
    expect(stdout).toContain(`add "${cliName}" to "plugins" in metrics.config.json`);
    expect(stdout).toContain(`npx vitest run plugins/${cliName}`);
    expect(stdout).toContain(`npm run metrics:refresh -- --plugin ${cliName}`);
  });

  it.each([
    [['Bad_Name'], 'plugin:new: "Bad_Name" is not a kebab-case name'],
    [['rfm'], 'plugin:new: plugins/rfm already exists'],
    [[], 'Usage: npm run plugin:new <name>'],
  ])('exits non-zero for %j', async (args, message) => {
    const failed = await cli(...args).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(message);
  });
});
