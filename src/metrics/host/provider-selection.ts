import type { LoadedPlugin } from './metrics-setup';
import { type Relationship, RELATIONSHIPS } from './metrics-config.schema';
import { CORE_KINDS, type CoreKind, type MetricProvider } from '../../plugin-api/plugin.contract';

/** Which plugin fills a core kind for each kind of customer (a relationship nobody serves is absent). */
export type KindRoute = Partial<Record<Relationship, LoadedPlugin>>;

const loadedNames = (plugins: LoadedPlugin[]) => (plugins.length ? plugins.map((p) => p.plugin.name).join(', ') : '(none loaded)');
const names = (plugins: LoadedPlugin[]) => plugins.map((c) => `"${c.plugin.name}"`).join(' and ');

function providerOf(lp: LoadedPlugin, kind: CoreKind): MetricProvider<unknown> | undefined {
  return lp.plugin.provides.find((p) => p.kind === kind);
}

/** Whether the plugin fills `kind` for customers of this relationship. */
export function serves(lp: LoadedPlugin, kind: CoreKind, relationship: Relationship): boolean {
  const p = providerOf(lp, kind);
  return !!p && (!p.relationships || p.relationships.includes(relationship));
}

type Select = Record<string, string | Partial<Record<Relationship, string>>>;

/**
 * The configuration's selection with METRICS_SELECT's choices applied. `kind=plugin` for a plugin
 * that serves only some kinds of customer replaces the configuration's choice for those only: with
 * `"clv": { "NON_CONTRACTUAL": "clv-bgnbd", "CONTRACTUAL": "contract-sbg" }` in the file,
 * `METRICS_SELECT=clv=clv-pareto-nbd` swaps the non-contractual model and keeps contract-sbg.
 */
export function applySelectOverrides(plugins: LoadedPlugin[], select: Select, overrides: readonly { kind: string; relationship?: Relationship; plugin: string }[], problems: string[]): Select {
  const out: Select = { ...select };
  const routesOf = (kind: string): Partial<Record<Relationship, string>> => {
    const before = out[kind];
    return typeof before === 'string' ? Object.fromEntries(RELATIONSHIPS.map((r) => [r, before])) : { ...before };
  };
  for (const o of overrides) {
    const lp = plugins.find((p) => p.plugin.name === o.plugin);
    if (!lp) {
      problems.push(`METRICS_SELECT: ${o.kind}${o.relationship ? `.${o.relationship}` : ''}=${o.plugin}: unknown plugin "${o.plugin}" (loaded: ${loadedNames(plugins)})`);
      continue;
    }
    const only = CORE_KINDS.includes(o.kind as CoreKind) ? RELATIONSHIPS.filter((r) => serves(lp, o.kind as CoreKind, r)) : [];
    const some = only.length > 0 && only.length < RELATIONSHIPS.length;
    if (!o.relationship && !some) {
      // Every kind of customer (or a kind or plugin resolveSelection will report).
      out[o.kind] = o.plugin;
      continue;
    }
    const routes = routesOf(o.kind);
    for (const r of o.relationship ? [o.relationship] : only) routes[r] = o.plugin;
    out[o.kind] = routes;
  }
  return out;
}

/**
 * Picks the provider of each core kind for each kind of customer: the configured choice, or the
 * only candidate that serves those customers. Two candidates and no choice, an unknown name, or a
 * plugin that does not provide the kind (for those customers) are problems (appended to
 * `problems`); a kind nobody provides stays unrouted (its field is null).
 */
export function resolveSelection(
  plugins: LoadedPlugin[],
  select: Select,
  problems: string[],
): Partial<Record<CoreKind, KindRoute>> {
  const selected: Partial<Record<CoreKind, KindRoute>> = {};
  for (const kind of Object.keys(select)) {
    if (!CORE_KINDS.includes(kind as CoreKind)) problems.push(`select.${kind}: not a metric kind (kinds: ${CORE_KINDS.join(', ')})`);
  }
  for (const kind of CORE_KINDS) {
    const route: KindRoute = {};
    const choice = select[kind];
    const chosen = (name: string, where: string): LoadedPlugin | undefined => {
      const lp = plugins.find((p) => p.plugin.name === name);
      if (!lp) problems.push(`${where}: unknown plugin "${name}" (loaded: ${loadedNames(plugins)})`);
      else if (!providerOf(lp, kind)) {
        const providers = plugins.filter((p) => providerOf(p, kind));
        problems.push(`${where}: plugin "${name}" does not provide ${kind} (providers: ${providers.map((c) => c.plugin.name).join(', ') || 'none'})`);
      } else return lp;
      return undefined;
    };
    if (typeof choice === 'string') {
      const lp = chosen(choice, `select.${kind}`);
      if (lp) for (const r of RELATIONSHIPS) if (serves(lp, kind, r)) route[r] = lp;
    } else if (choice) {
      for (const [r, name] of Object.entries(choice) as [Relationship, string][]) {
        const lp = chosen(name, `select.${kind}.${r}`);
        if (lp && !serves(lp, kind, r)) problems.push(`select.${kind}.${r}: plugin "${name}" does not serve ${r} customers (its ${kind} is for ${providerOf(lp, kind)?.relationships?.join(', ')})`);
        else if (lp) route[r] = lp;
      }
    }
    // Customers left without an explicit choice take the only plugin that serves them.
    const open = RELATIONSHIPS.filter((r) => !route[r] && !(choice && typeof choice === 'object' && r in choice));
    const candidates = new Map(open.map((r) => [r, plugins.filter((p) => serves(p, kind, r))]));
    const ambiguous = open.filter((r) => (candidates.get(r) ?? []).length > 1);
    const sameEverywhere = ambiguous.length === RELATIONSHIPS.length && names(candidates.get(RELATIONSHIPS[0])!) === names(candidates.get(RELATIONSHIPS[1])!);
    if (sameEverywhere) {
      problems.push(`${kind}: provided by both ${names(candidates.get(RELATIONSHIPS[0])!)}; choose one with select.${kind} or METRICS_SELECT=${kind}=<plugin>`);
    } else {
      for (const r of ambiguous) {
        problems.push(`${kind} for ${r} customers: provided by both ${names(candidates.get(r)!)}; choose one with select.${kind}.${r} or METRICS_SELECT=${kind}.${r}=<plugin>`);
      }
    }
    for (const r of open) if (candidates.get(r)?.length === 1) route[r] = candidates.get(r)![0];
    if (Object.keys(route).length) selected[kind] = route;
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
