import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { HOST_API_VERSION, type MetricPlugin, type Requirement } from '../../plugin-api/plugin.contract';

const REQUIREMENTS: readonly Requirement[] = ['summary', 'interactions', 'relationships'];
/** The project's own plugin folder, next to src/ (also under dist/ once compiled). */
const PLUGINS_DIR = path.resolve(__dirname, '../../../plugins');

const pluginShape = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be kebab-case'),
  version: z.string().min(1),
  apiVersion: z.string().regex(/^\d+\.\d+$/, 'must look like "1.0"'),
  description: z.string().min(1),
  configSchema: z.custom<z.ZodType>((v) => typeof (v as { safeParse?: unknown })?.safeParse === 'function', 'must be a zod schema'),
  provides: z.array(z.object({
    kind: z.enum(['rfm', 'clv', 'churn', 'metrics']),
    metricKeys: z.array(z.string().regex(/^[a-z0-9][a-z0-9.-]*$/)).optional(),
    requires: z.union([z.array(z.string()), z.function()]),
    fit: z.function().optional(),
    score: z.function(),
  }).passthrough()).min(1, 'must provide at least one metric kind'),
}).passthrough();

/** Where a configured plugin entry is loaded from: a folder's index file, a file, or a package name. */
export function resolvePluginPath(entry: string, baseDir: string): string {
  const local = entry.startsWith('.') || path.isAbsolute(entry) ? path.resolve(baseDir, entry) : path.join(PLUGINS_DIR, entry);
  if (!fs.existsSync(local)) return local === path.join(PLUGINS_DIR, entry) ? resolvePackage(entry, baseDir) : local;
  if (!fs.statSync(local).isDirectory()) return local;
  // TypeScript sources under tsx and tests, compiled JavaScript under dist/.
  const index = ['index.ts', 'index.js'].map((f) => path.join(local, f)).find((f) => fs.existsSync(f));
  return index ?? local;
}

/** An npm package: installed next to the config file, in the working directory, or with the server. */
function resolvePackage(name: string, baseDir: string): string {
  try {
    return createRequire(__filename).resolve(name, { paths: [baseDir, process.cwd(), __dirname] });
  } catch {
    return name;
  }
}

export function apiCompatible(pluginApi: string, hostApi = HOST_API_VERSION): boolean {
  const [pm, pn] = pluginApi.split('.').map(Number);
  const [hm, hn] = hostApi.split('.').map(Number);
  return pm === hm && pn <= hn;
}

/** Loads one plugin module and checks its shape, API version and requirements; returns problems instead of throwing. */
export async function loadPluginModule(entry: string, baseDir: string): Promise<{ plugin?: MetricPlugin<unknown>; problems: string[] }> {
  const where = resolvePluginPath(entry, baseDir);
  let mod: { default?: { default?: unknown } };
  try {
    mod = (await import(where)) as typeof mod;
  } catch (e) {
    return { problems: [`plugin "${entry}": cannot be loaded from ${where} (${(e as Error).message.split('\n')[0]})`] };
  }
  // A CommonJS module imported from ESM nests its `export default` one level deeper.
  const candidate = [mod.default?.default, mod.default, mod].find((m) => m && typeof m === 'object' && 'provides' in m) ?? mod.default ?? mod;
  const shape = pluginShape.safeParse(candidate);
  if (!shape.success) {
    return { problems: shape.error.issues.map((i) => `plugin "${entry}": ${i.path.join('.') || 'export'}: ${i.message}`) };
  }
  const plugin = candidate as MetricPlugin<unknown>;
  const problems: string[] = [];
  if (!apiCompatible(plugin.apiVersion)) {
    problems.push(`plugin "${plugin.name}": targets host API ${plugin.apiVersion}, this host provides ${HOST_API_VERSION}`);
  }
  plugin.provides.forEach((p, i) => {
    if (p.kind === 'metrics' && !p.metricKeys?.length) problems.push(`plugin "${plugin.name}": provides[${i}] of kind metrics must list metricKeys`);
    if (Array.isArray(p.requires)) {
      for (const r of p.requires) if (!REQUIREMENTS.includes(r)) problems.push(`plugin "${plugin.name}": provides[${i}] requires unknown "${r}" (known: ${REQUIREMENTS.join(', ')})`);
    }
  });
  return { plugin, problems };
}
