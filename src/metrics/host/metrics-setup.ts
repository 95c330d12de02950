import type { CoreKind, MetricPlugin } from '../../plugin-api/plugin.contract';
import type { LoadedMetricsConfig } from './metrics-config';
import { loadPluginModule } from './plugin-loader';
import { readProblems } from './plugin-needs';
import { applySelectOverrides, freeMetricOwners, type KindRoute, resolveSelection } from './provider-selection';

/** A loaded plugin with its validated options. */
export interface LoadedPlugin {
  plugin: MetricPlugin<unknown>;
  config: unknown;
}

/** What startup resolved: the plugins, which one fills each core kind, and who owns each free metric. */
export interface MetricsSetup {
  plugins: LoadedPlugin[];
  /** Which plugin fills each core kind, per kind of customer. */
  selected: Partial<Record<CoreKind, KindRoute>>;
  freeMetrics: Map<string, LoadedPlugin>;
  refreshIntervalMinutes: number;
  refreshOnStart: boolean;
  includeInternal: boolean;
}

/** Every metrics problem found at startup, reported together. */
export class MetricsSetupError extends Error {
  constructor(readonly problems: string[]) {
    super(`Metric plugins cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'MetricsSetupError';
  }
}

/**
 * Loads the configured plugins, validates each one's options, and resolves exactly one provider
 * per core kind. Collects every problem and throws once with all of them.
 */
export async function setupMetrics(loaded: LoadedMetricsConfig): Promise<MetricsSetup> {
  const { config } = loaded;
  const problems = [...loaded.problems];
  const plugins: LoadedPlugin[] = [];
  const found = new Set<string>(config.plugins);

  for (const entry of config.plugins) {
    const { plugin, problems: loadProblems } = await loadPluginModule(entry, loaded.baseDir);
    problems.push(...loadProblems);
    if (!plugin) continue;
    found.add(plugin.name);
    if (plugins.some((p) => p.plugin.name === plugin.name)) {
      problems.push(`plugin "${plugin.name}" is listed twice`);
      continue;
    }
    const options = plugin.configSchema.safeParse(config.options[plugin.name] ?? {});
    if (!options.success) {
      for (const i of options.error.issues) problems.push(`options.${plugin.name}${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`);
    }
    // Kept even with bad options, so that selection problems are reported in the same pass.
    plugins.push({ plugin, config: options.success ? options.data : undefined });
  }
  const known = plugins.map((p) => p.plugin.name).join(', ') || '(none loaded)';
  for (const name of Object.keys(config.options)) {
    // Plugins that failed to load or validate are already reported; only flag names nobody listed.
    if (!found.has(name)) problems.push(`options.${name}: no loaded plugin is named "${name}" (loaded: ${known})`);
  }

  const selected = resolveSelection(plugins, applySelectOverrides(plugins, config.select, loaded.overrides, problems), problems);
  const freeMetrics = freeMetricOwners(plugins, problems);

  const setup = { plugins, selected, freeMetrics, refreshIntervalMinutes: config.refreshIntervalMinutes, refreshOnStart: config.refreshOnStart, includeInternal: config.includeInternal };
  problems.push(...readProblems(setup));
  if (problems.length) throw new MetricsSetupError(problems);
  return setup;
}

/** The loaded plugins named (all when no names are given); throws naming every unknown one. */
export function pluginsNamed(setup: MetricsSetup, names?: string[]): LoadedPlugin[] {
  if (!names) return setup.plugins;
  const byName = (n: string) => setup.plugins.find((p) => p.plugin.name === n);
  const unknown = names.filter((n) => !byName(n));
  if (unknown.length) {
    throw new Error(`unknown plugin ${unknown.map((n) => `"${n}"`).join(', ')} (loaded: ${setup.plugins.map((p) => p.plugin.name).join(', ') || 'none'})`);
  }
  return names.map((n) => byName(n) as LoadedPlugin);
}
