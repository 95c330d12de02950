import { Origin } from '../../common/enums';
import { requirementsOf } from '../../metrics/host/plugin-needs';
import { apiCompatible } from '../../metrics/host/plugin-loader';
import {
  type ChurnValue, type ClvValue, type CoreKind, type FittedModel, type FreeMetricValue, HOST_API_VERSION, type KindValues,
  type MetricContext, type MetricPlugin, type MetricProvider, type MetricSubject, type Requirement, type RfmValue, type ScoreOutcome,
} from '../plugin.contract';
import { producedKeys, providerKey } from '../../metrics/host/provider-key';
import { isScoreError } from '../../metrics/engine/score-batch';
import { FIXTURE_CURRENCY } from './summary-fixture';
import { fitTargets } from '../../metrics/engine/fit-pass';
import { scoreTargets } from '../../metrics/engine/score-pass';

export {
  emptySummary, type FixtureInteraction, type FixturePurchase, resetSubjectIds, subject, subjectFromInteractions,
  subjectFromPurchases, type SubjectOverrides,
} from './summary-fixture';

/** The observation end `runPlugin` uses when none is given (fixed, so tests are deterministic). */
export const DEFAULT_AS_OF = new Date('2026-01-01T00:00:00.000Z');

const REQUIREMENTS: readonly Requirement[] = ['summary', 'interactions', 'relationships'];

/** How `runPlugin` runs the plugin. */
export interface RunPluginOptions {
  /** The plugin's options as written in metrics.config.json; validated and defaulted by its configSchema. */
  options?: unknown;
  /** Observation end; default DEFAULT_AS_OF. Build subjects with the same one. */
  asOf?: Date | string;
  /** Base currency; default USD. */
  currency?: string;
  /** Customers per batch streamed to fit and score; default 2, so that batching is exercised. */
  batchSize?: number;
  /** As `includeInternal` in metrics.config.json: INTERNAL customers are left out unless true. */
  includeInternal?: boolean;
  /** As a backtest sets it: predict over this many days, undiscounted (see MetricContext.horizonDays). */
  horizonDays?: number;
}

/** One call of `ctx.log`. */
export interface LoggedMessage {
  message: string;
  data?: Record<string, unknown>;
}

/** One customer's result for one kind or free metric: a value, null (not applicable) or `{ error }`. */
export type HarnessOutcome = ScoreOutcome<RfmValue | ClvValue | ChurnValue | FreeMetricValue>;

/** Everything one harness run produced. */
export interface PluginRun<Config> {
  /** The validated options, defaults applied. */
  config: Config;
  asOf: Date;
  /** Each provider's fitted model after the JSON round trip, by provider key ("clv", "metrics:a,b"). */
  models: Record<string, FittedModel>;
  /** Each provider's fit diagnostics (JSON round-tripped), by provider key; providers without any are absent. */
  diagnostics: Record<string, Record<string, unknown>>;
  /**
   * Outcomes by core kind or free-metric key, in the order of the subjects. Free metrics appear as
   * the host stores them: `{ value, label }` with label null when not given. Subjects the host
   * leaves out (INTERNAL ones, unless includeInternal) are never fitted nor scored: null.
   */
  results: Map<string, HarnessOutcome[]>;
  /** The externalIds of the subjects left out, as the host would. */
  leftOut: string[];
  /** Everything the plugin logged through `ctx.log`, in order. */
  logs: LoggedMessage[];
  /** One customer's outcome for a core kind or free metric; throws for an unknown kind or customer. */
  valueOf<K extends CoreKind>(kind: K, externalId: string): ScoreOutcome<KindValues[K]>;
  valueOf(metricKey: string, externalId: string): ScoreOutcome<FreeMetricValue>;
}

// The host holds providers type-erased; each one still gets the config its own schema produced.
const erased = <C>(p: MetricProvider<C>): MetricProvider<unknown> => p as unknown as MetricProvider<unknown>;

/** What the host's loader would refuse at startup, so a test fails on it too. */
function contractProblems<C>(plugin: MetricPlugin<C>, config: C): string[] {
  const problems: string[] = [];
  if (!apiCompatible(plugin.apiVersion)) problems.push(`targets host API ${plugin.apiVersion}, this host provides ${HOST_API_VERSION}`);
  plugin.provides.forEach((p, i) => {
    if (p.kind === 'metrics' && !p.metricKeys?.length) problems.push(`provides[${i}] of kind metrics must list metricKeys`);
    for (const r of requirementsOf(erased(p), config)) if (!REQUIREMENTS.includes(r)) problems.push(`provides[${i}] requires unknown "${r}"`);
  });
  const keys = producedKeys(plugin.provides.map(erased));
  for (const key of new Set(keys.filter((k, i) => keys.indexOf(k) !== i))) problems.push(`"${key}" is produced twice`);
  return problems;
}

function validOptions<C>(plugin: MetricPlugin<C>, options: unknown): C {
  const parsed = plugin.configSchema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `options.${plugin.name}${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`);
  throw new Error(`Invalid options for plugin "${plugin.name}":\n${issues.map((i) => `  - ${i}`).join('\n')}`);
}

/** Paths where JSON would silently change a value (NaN becomes null, a Map becomes {}), as the stored model would. */
function jsonProblems(v: unknown, path: string): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [`${path} is ${v} (stored as null)`];
  if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol') return [`${path} is a ${typeof v} (not JSON)`];
  if (v === null || typeof v !== 'object' || v instanceof Date) return [];
  if (Array.isArray(v)) return v.flatMap((x, i) => (x === undefined ? [`${path}[${i}] is undefined (stored as null)`] : jsonProblems(x, `${path}[${i}]`)));
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return [`${path} is a ${v.constructor.name} (stored as a plain object)`];
  return Object.entries(v).flatMap(([k, x]) => jsonProblems(x, `${path}.${k}`));
}

/** The host stores models and diagnostics as JSON, and re-scoring reads them back from there. */
function throughJson(value: Record<string, unknown>, what: string): Record<string, unknown> {
  const problems = jsonProblems(value, what);
  if (problems.length) throw new Error(`${what} does not survive JSON:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** The subject as the host would hand it over: only what the plugin requires, consistent with asOf and currency. */
function asHostGives(s: MetricSubject, requires: ReadonlySet<Requirement>, asOf: Date, currency: string): MetricSubject {
  const who = s.customer.externalId;
  if (s.summary.currency !== currency) throw new Error(`subject ${who}: summary is in ${s.summary.currency}, the run in ${currency}`);
  const late = [s.summary.lastInteractionAt, ...(s.interactions ?? []).map((i) => i.occurredAt)].find((d) => d && d.getTime() > asOf.getTime());
  if (late) throw new Error(`subject ${who}: has an interaction at ${late.toISOString()}, after asOf ${asOf.toISOString()}; build subjects with the asOf of the run`);
  const { interactions, links, ...rest } = s;
  return {
    ...rest,
    ...(requires.has('interactions') ? { interactions: interactions ?? [] } : {}),
    ...(requires.has('relationships') ? { links: links ?? [] } : {}),
  };
}

function checkUnique(subjects: MetricSubject[]): void {
  for (const field of ['id', 'externalId'] as const) {
    const seen = new Set<number | string>();
    for (const s of subjects) {
      if (seen.has(s.customer[field])) throw new Error(`two subjects share customer.${field} ${s.customer[field]}`);
      seen.add(s.customer[field]);
    }
  }
}

/** Streams copies of the subjects in batches, fresh for each pass, as the host re-reads the database. */
async function* batches(subjects: MetricSubject[], size: number): AsyncGenerator<MetricSubject[]> {
  for (let i = 0; i < subjects.length; i += size) yield structuredClone(subjects.slice(i, i + size));
}

/** Splits a free-metric provider's per-customer record into one outcome per key, as the host stores them. */
function freeOutcome(o: ScoreOutcome<unknown>, key: string): HarnessOutcome {
  if (o === null || isScoreError(o)) return o;
  const v = (o as Record<string, FreeMetricValue | undefined>)[key];
  return v ? { value: v.value, label: v.label ?? null } : null;
}

/**
 * Runs a plugin the way a refresh does, without a database: validates its options, calls `init`,
 * streams the subjects (INTERNAL ones left out unless includeInternal, interactions and links only
 * when required) to each provider's `fit` in batches, round-trips every fitted model through JSON
 * (as the host stores it and re-scoring reads it), scores each batch with the host's own
 * `scoreBatch` (per-customer error isolation, non-finite numbers rejected), then calls `dispose`.
 */
export async function runPlugin<C>(plugin: MetricPlugin<C>, subjects: MetricSubject[], o: RunPluginOptions = {}): Promise<PluginRun<C>> {
  const config = validOptions(plugin, o.options);
  const problems = contractProblems(plugin, config);
  if (problems.length) throw new Error(`Plugin "${plugin.name}" would not load:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const asOf = new Date(o.asOf ?? DEFAULT_AS_OF);
  if (Number.isNaN(asOf.getTime())) throw new Error(`asOf: "${String(o.asOf)}" is not a date`);
  const currency = o.currency ?? FIXTURE_CURRENCY;
  const size = o.batchSize ?? 2;
  if (!Number.isInteger(size) || size < 1) throw new Error(`batchSize must be a positive integer, got ${size}`);
  checkUnique(subjects);
  const requires = new Set(plugin.provides.flatMap((p) => requirementsOf(erased(p), config)));
  const given = subjects.map((s) => asHostGives(s, requires, asOf, currency));
  const isLeftOut = (s: MetricSubject) => !o.includeInternal && s.customer.origin === Origin.INTERNAL;
  const population = given.filter((s) => !isLeftOut(s));

  const logs: LoggedMessage[] = [];
  const ctx: MetricContext<C> = {
    config, asOf, currency, ...(o.horizonDays !== undefined ? { horizonDays: o.horizonDays } : {}),
    log: (message, data) => logs.push(data ? { message, data } : { message }),
  };
  const models: Record<string, FittedModel> = {};
  const diagnostics: Record<string, Record<string, unknown>> = {};
  const results = new Map<string, HarnessOutcome[]>(producedKeys(plugin.provides.map(erased)).map((k) => [k, []]));

  await plugin.init?.(config);
  try {
    // The host's own engine: one pass fits every provider, one pass scores them all.
    const target = { plugin: plugin as MetricPlugin<unknown>, providers: plugin.provides.map(erased), ctx: ctx as MetricContext<unknown>, models: new Map<MetricProvider<unknown>, FittedModel>() };
    const source = () => batches(population, size);
    const fit = (await fitTargets([target], source, throughJson)).get(target)!;
    if (fit.error !== undefined) throw new Error(fit.error);
    for (const [p, fitted] of fit.models) {
      const key = providerKey(p);
      models[key] = fitted.model;
      target.models.set(p, fitted.model);
      if (fitted.diagnostics) diagnostics[key] = fitted.diagnostics;
    }
    const byCustomer = new Map<MetricProvider<unknown>, Map<MetricSubject, HarnessOutcome>>(target.providers.map((p) => [p, new Map()]));
    await scoreTargets([target], source, {
      scored(_t, p, subjects, outcomes) {
        subjects.forEach((s, i) => byCustomer.get(p)!.set(s, outcomes[i] as HarnessOutcome));
      },
      batchDone(batch) {
        // Customers outside a provider's relationships are neither fitted nor scored: null.
        for (const p of target.providers) {
          const outcomes = batch.map((s) => byCustomer.get(p)!.get(s) ?? null);
          if (p.kind !== 'metrics') (results.get(p.kind) ?? []).push(...outcomes);
          else for (const key of p.metricKeys ?? []) (results.get(key) ?? []).push(...outcomes.map((x) => freeOutcome(x, key)));
          byCustomer.get(p)!.clear();
        }
      },
    });
  } finally {
    await plugin.dispose?.();
  }

  // Back in the order of the subjects, with null for those left out, as the API serves them.
  const position = new Map(population.map((s, i) => [s.customer.externalId, i]));
  for (const [key, outcomes] of results) {
    results.set(key, given.map((s) => {
      const i = position.get(s.customer.externalId);
      return i === undefined ? null : outcomes[i];
    }));
  }
  const index = new Map(given.map((s, i) => [s.customer.externalId, i]));
  function valueOf<K extends CoreKind>(kind: K, externalId: string): ScoreOutcome<KindValues[K]>;
  function valueOf(metricKey: string, externalId: string): ScoreOutcome<FreeMetricValue>;
  function valueOf(key: string, externalId: string): HarnessOutcome {
    const outcomes = results.get(key);
    if (!outcomes) throw new Error(`plugin "${plugin.name}" produces no "${key}" (it produces ${[...results.keys()].join(', ')})`);
    const i = index.get(externalId);
    if (i === undefined) throw new Error(`no subject has externalId "${externalId}"`);
    return outcomes[i];
  }
  const leftOut = given.filter(isLeftOut).map((s) => s.customer.externalId);
  return { config, asOf, models, diagnostics, results, leftOut, logs, valueOf };
}
