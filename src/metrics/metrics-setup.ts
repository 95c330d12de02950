import { CORE_KINDS, type CoreKind, type MetricPlugin, type MetricProvider, type Requirement } from './plugin.contract';
import type { LoadedMetricsConfig } from './metrics-config';
import { loadPluginModule } from './plugin-loader';

/** A loaded plugin with its validated options. */
export interface LoadedPlugin {
  plugin: MetricPlugin<unknown>;
  config: unknown;
}

/** What startup resolved: the plugins, which one fills each core kind, and who owns each free metric. */
export interface MetricsSetup {
  plugins: LoadedPlugin[];
  selected: Partial<Record<CoreKind, LoadedPlugin>>;
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

export function requirementsOf(provider: MetricProvider<unknown>, config: unknown): Requirement[] {
  return typeof provider.requires === 'function' ? provider.requires(config) : provider.requires;
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
  const names = plugins.map((p) => p.plugin.name);
  const known = names.length ? names.join(', ') : '(none loaded)';
  for (const name of Object.keys(config.options)) {
    // Plugins that failed to load or validate are already reported; only flag names nobody listed.
    if (!found.has(name)) problems.push(`options.${name}: no loaded plugin is named "${name}" (loaded: ${known})`);
  }

  const selected: Partial<Record<CoreKind, LoadedPlugin>> = {};
  for (const kind of Object.keys(config.select)) {
    if (!CORE_KINDS.includes(kind as CoreKind)) problems.push(`select.${kind}: not a metric kind (kinds: ${CORE_KINDS.join(', ')})`);
  }
  for (const kind of CORE_KINDS) {
    const candidates = plugins.filter((p) => p.plugin.provides.some((pr) => pr.kind === kind));
    const choice = config.select[kind];
    if (choice !== undefined) {
      const found = plugins.find((p) => p.plugin.name === choice);
      if (!found) problems.push(`select.${kind}: unknown plugin "${choice}" (loaded: ${known})`);
      else if (!candidates.includes(found)) problems.push(`select.${kind}: plugin "${choice}" does not provide ${kind} (providers: ${candidates.map((c) => c.plugin.name).join(', ') || 'none'})`);
      else selected[kind] = found;
    } else if (candidates.length > 1) {
      problems.push(`${kind}: provided by both ${candidates.map((c) => `"${c.plugin.name}"`).join(' and ')}; choose one with select.${kind} or METRICS_SELECT=${kind}=<plugin>`);
    } else if (candidates.length === 1) {
      selected[kind] = candidates[0];
    }
  }

  const freeMetrics = new Map<string, LoadedPlugin>();
  for (const p of plugins) {
    for (const key of p.plugin.provides.flatMap((pr) => (pr.kind === 'metrics' ? pr.metricKeys ?? [] : []))) {
      const owner = freeMetrics.get(key);
      if (owner) problems.push(`metric "${key}" is provided by both "${owner.plugin.name}" and "${p.plugin.name}"`);
      else if ((CORE_KINDS as readonly string[]).includes(key)) problems.push(`plugin "${p.plugin.name}": metric key "${key}" is reserved for the core kind`);
      else freeMetrics.set(key, p);
    }
  }

  if (problems.length) throw new MetricsSetupError(problems);
  return { plugins, selected, freeMetrics, refreshIntervalMinutes: config.refreshIntervalMinutes, refreshOnStart: config.refreshOnStart, includeInternal: config.includeInternal };
}
