import type { LoadedPlugin } from './metrics-setup';
import { CORE_KINDS, type CoreKind } from './plugin.contract';

const loadedNames = (plugins: LoadedPlugin[]) => (plugins.length ? plugins.map((p) => p.plugin.name).join(', ') : '(none loaded)');

/**
 * Picks the one provider of each core kind: the configured choice, or the only candidate.
 * Two candidates and no choice, an unknown name, or a plugin that does not provide the kind are
 * problems (appended to `problems`); a kind nobody provides stays empty (its field is null).
 */
export function resolveSelection(plugins: LoadedPlugin[], select: Record<string, string>, problems: string[]): Partial<Record<CoreKind, LoadedPlugin>> {
  const selected: Partial<Record<CoreKind, LoadedPlugin>> = {};
  for (const kind of Object.keys(select)) {
    if (!CORE_KINDS.includes(kind as CoreKind)) problems.push(`select.${kind}: not a metric kind (kinds: ${CORE_KINDS.join(', ')})`);
  }
  for (const kind of CORE_KINDS) {
    const candidates = plugins.filter((p) => p.plugin.provides.some((pr) => pr.kind === kind));
    const choice = select[kind];
    if (choice !== undefined) {
      const chosen = plugins.find((p) => p.plugin.name === choice);
      if (!chosen) problems.push(`select.${kind}: unknown plugin "${choice}" (loaded: ${loadedNames(plugins)})`);
      else if (!candidates.includes(chosen)) problems.push(`select.${kind}: plugin "${choice}" does not provide ${kind} (providers: ${candidates.map((c) => c.plugin.name).join(', ') || 'none'})`);
      else selected[kind] = chosen;
    } else if (candidates.length > 1) {
      problems.push(`${kind}: provided by both ${candidates.map((c) => `"${c.plugin.name}"`).join(' and ')}; choose one with select.${kind} or METRICS_SELECT=${kind}=<plugin>`);
    } else if (candidates.length === 1) {
      selected[kind] = candidates[0];
    }
  }
  return selected;
}

/** Which plugin owns each free metric key; a key claimed twice, or named like a core kind, is a problem. */
export function freeMetricOwners(plugins: LoadedPlugin[], problems: string[]): Map<string, LoadedPlugin> {
  const owners = new Map<string, LoadedPlugin>();
  for (const p of plugins) {
    for (const key of p.plugin.provides.flatMap((pr) => (pr.kind === 'metrics' ? pr.metricKeys ?? [] : []))) {
      const owner = owners.get(key);
      if (owner) problems.push(`metric "${key}" is provided by both "${owner.plugin.name}" and "${p.plugin.name}"`);
      else if ((CORE_KINDS as readonly string[]).includes(key)) problems.push(`plugin "${p.plugin.name}": metric key "${key}" is reserved for the core kind`);
      else owners.set(key, p);
    }
  }
  return owners;
}
