import { CORE_KINDS } from '../../plugin-api/plugin.contract';
import type { MetricProvider, Requirement } from '../../plugin-api/plugin.contract';
import type { LoadedPlugin, MetricsSetup } from './metrics-setup';
import { metricSources } from './metric-sources';
import { producedKeys } from './provider-key';

/** What the host must hand a plugin's providers per customer. */
export interface PluginNeeds {
  requires: Set<Requirement>;
  /** Metric keys of other plugins, served in `subject.metrics` (and `links[].metrics`). */
  reads: string[];
  linkDepth: 1 | 2;
}

export function requirementsOf(provider: MetricProvider<unknown>, config: unknown): Requirement[] {
  return typeof provider.requires === 'function' ? provider.requires(config) : provider.requires;
}

export function readsOf(provider: MetricProvider<unknown>, config: unknown): string[] {
  return typeof provider.reads === 'function' ? provider.reads(config) : provider.reads ?? [];
}

/** The union of what a plugin's providers need. */
export function needsOf(lp: LoadedPlugin): PluginNeeds {
  return mergeNeeds(lp.plugin.provides.map((p) => ({
    requires: new Set(requirementsOf(p, lp.config)), reads: readsOf(p, lp.config),
    linkDepth: typeof p.linkDepth === 'function' ? p.linkDepth(lp.config) : p.linkDepth ?? 1,
  })));
}

export function mergeNeeds(all: PluginNeeds[]): PluginNeeds {
  return {
    requires: new Set(all.flatMap((n) => [...n.requires])),
    reads: [...new Set(all.flatMap((n) => n.reads))],
    linkDepth: all.some((n) => n.linkDepth === 2) ? 2 : 1,
  };
}

/** The plugins a plugin reads from: the owners of every key it reads. */
function dependencies(setup: MetricsSetup, lp: LoadedPlugin): LoadedPlugin[] {
  const owners = needsOf(lp).reads.flatMap((key) => (metricSources(setup, key) ?? []).map((s) => s.lp));
  return [...new Set(owners)].filter((o) => o !== lp);
}

/**
 * Problems with what plugins read: a key nobody serves, a key of its own, or a cycle (A reads B
 * reads A), which no refresh order could satisfy.
 */
export function readProblems(setup: MetricsSetup): string[] {
  const problems: string[] = [];
  for (const lp of setup.plugins) {
    if (lp.config === undefined) continue;
    const own = producedKeys(lp.plugin.provides);
    for (const key of needsOf(lp).reads) {
      if (own.includes(key)) problems.push(`plugin "${lp.plugin.name}" reads "${key}", which it produces itself`);
      else if (!metricSources(setup, key)?.length) {
        const known = [...CORE_KINDS.filter((k) => metricSources(setup, k)?.length), ...setup.freeMetrics.keys()];
        problems.push(`plugin "${lp.plugin.name}" reads "${key}", which no loaded plugin serves (served: ${known.join(', ') || 'none'})`);
      }
    }
  }
  const visiting = new Set<LoadedPlugin>();
  const done = new Set<LoadedPlugin>();
  const visit = (lp: LoadedPlugin, path: LoadedPlugin[]): void => {
    if (done.has(lp)) return;
    if (visiting.has(lp)) {
      const cycle = [...path.slice(path.indexOf(lp)), lp].map((p) => p.plugin.name).join(' -> ');
      problems.push(`plugins read each other's metrics in a cycle: ${cycle}`);
      return;
    }
    visiting.add(lp);
    for (const d of dependencies(setup, lp)) visit(d, [...path, lp]);
    visiting.delete(lp);
    done.add(lp);
  };
  for (const lp of setup.plugins) if (lp.config !== undefined) visit(lp, []);
  return problems;
}

/**
 * The targets grouped in waves: each wave reads only what earlier waves (or plugins not being
 * refreshed) produce, so refreshing in wave order lets readers see fresh values. Setup has ruled
 * out cycles.
 */
export function refreshWaves(setup: MetricsSetup, targets: LoadedPlugin[]): LoadedPlugin[][] {
  const waves: LoadedPlugin[][] = [];
  let left = [...targets];
  while (left.length) {
    const ready = left.filter((lp) => dependencies(setup, lp).every((d) => !left.includes(d)));
    const wave = ready.length ? ready : left;
    waves.push(wave);
    left = left.filter((lp) => !wave.includes(lp));
  }
  return waves;
}
