import type { z } from 'zod';
import type { CustomerSummary } from '../summaries/customer-summary';
import type { Channel, ContactLevel, InteractionType, LinkType, Origin, Party, RelationshipKind, ChannelRole } from '../common/enums';
import type { ChurnValue } from '../metrics/kinds/churn/churn.kind';
import type { ClvInput, ClvValue } from '../metrics/kinds/clv/clv.kind';
import type { RfmValue } from '../metrics/kinds/rfm/rfm.kind';

// The value shapes of the core kinds live with each kind (src/metrics/kinds/<kind>/); plugins get them from here.
export type { ChurnValue, ClvInput, ClvValue, RfmValue };

/**
 * The version of this contract. A plugin declares the version it was written for in
 * `apiVersion`; the host loads it when the major versions match and the plugin's minor version is
 * not newer than the host's.
 */
export const HOST_API_VERSION = '1.0';

/** Metric kinds whose GraphQL types the host owns: exactly one provider fills each. */
export type CoreKind = 'rfm' | 'clv' | 'churn';
export const CORE_KINDS: readonly CoreKind[] = ['rfm', 'clv', 'churn'];

/** What a provider needs the host to hand it for each customer. */
export type Requirement = 'summary' | 'interactions' | 'relationships';

/** The customer fields a plugin sees: identity and type, never contact details. */
export interface MetricCustomer {
  id: number;
  externalId: string;
  party: Party;
  relationship: RelationshipKind;
  channelRole: ChannelRole;
  origin: Origin;
  acquiredAt: Date | null;
  contractStartedAt: Date | null;
  contractEndedAt: Date | null;
  /** Why the customer left, when recorded (free text). */
  churnReason: string | null;
  traits: Record<string, unknown> | null;
}

/** One interaction as plugins see it (only those at or before `asOf`). */
export interface MetricInteraction {
  occurredAt: Date;
  type: InteractionType;
  channel: Channel;
  contactLevel: ContactLevel | null;
  /** In the base currency; null for interactions without money or in another currency. */
  amount: number | null;
  /** The currency the interaction was recorded in (null without money); amounts are only given for the base currency. */
  currency: string | null;
  margin: number | null;
  expectationScore: number | null;
  perceptionScore: number | null;
}

export interface MetricLink {
  type: LinkType;
  /** OUT: this customer is `from` (it referred, is member of, buys for); IN: it is `to`. */
  direction: 'OUT' | 'IN';
  customerId: number;
  /** The linked customer's served values of the keys the provider `reads` (see MetricSubject.metrics). */
  metrics?: Record<string, number | null>;
  /** The linked customer's own links (never back to this customer), when the provider asks for `linkDepth: 2`. */
  links?: MetricLink[];
}

/** Everything the host knows about one customer at the observation end `asOf`. */
export interface MetricSubject {
  customer: MetricCustomer;
  /** The customer summary computed from interactions at or before `asOf` (days counted to `asOf`). */
  summary: CustomerSummary;
  /** Present when the provider requires 'interactions': oldest first. */
  interactions?: MetricInteraction[];
  /** Present when the provider requires 'relationships'. */
  links?: MetricLink[];
  /**
   * Present when the provider `reads` metrics of other plugins: the headline number this customer
   * is served for each read key (CLV value, churn probability, RFM score, or a free metric's value),
   * null when it has none. The host refreshes the plugins that own those keys first.
   */
  metrics?: Record<string, number | null>;
}

/** Passed to fit and score. */
export interface MetricContext<Config> {
  /** The plugin's validated configuration (defaults applied). */
  config: Config;
  /** Observation end: everything after it is invisible to the plugin. */
  asOf: Date;
  /** The base currency of every money value. */
  currency: string;
  /**
   * Set by backtests: predict over this many days after `asOf` instead of the configured horizon,
   * and without discounting, so that predictions can be compared with what happened. Providers
   * that predict purchases (`expectedPurchases`) must honour it.
   */
  horizonDays?: number;
  log: (message: string, data?: Record<string, unknown>) => void;
  /**
   * Aborted when the work is no longer wanted: a backtest past its time limit, a server shutting
   * down. Long fits should stop then; pass it to `runOffThread`, which also keeps a CPU-bound fit
   * off the thread that answers requests.
   */
  signal?: AbortSignal;
}

/** A free metric value: a number, with an optional label (e.g. a tier name). */
export interface FreeMetricValue {
  value: number | null;
  label?: string | null;
}

export interface KindValues {
  rfm: RfmValue;
  clv: ClvValue;
  churn: ChurnValue;
}

/** One customer's outcome: a value, null (not applicable), or an error for that customer only. */
export type ScoreOutcome<V> = V | null | { error: string };

/**
 * A model fitted on the population: JSON-serialisable, stored with the run, and reused for
 * re-scoring. `score` always receives it after a JSON round trip (in refreshes too), so Dates
 * arrive as strings and NaN as null: keep it to plain numbers, strings, arrays and objects. Declare your model as a `type` alias (an `interface` has no index signature and
 * will not be accepted here).
 */
export type FittedModel = Record<string, unknown>;

/**
 * A provider fills one core kind, or adds free metrics (kind 'metrics') under `metricKeys`.
 * `fit` sees the whole population once per refresh, streamed in batches; `score` must be pure
 * and cheap: it runs in refreshes, again for single customers right after their ingest, and, for
 * a provider that requires only the summary, when a client reads a detail field of its core kind
 * (only the headline is stored): it must give the same value for the same model and summary.
 */
export interface MetricProvider<Config, K extends CoreKind | 'metrics' = CoreKind | 'metrics'> {
  kind: K;
  /** For kind 'metrics': the keys it adds, e.g. ['value-tier']. */
  metricKeys?: string[];
  requires: Requirement[] | ((config: Config) => Requirement[]);
  /**
   * The customers this provider is valid for (default: both). The host hands fit and score only
   * those customers, and routes each core kind by relationship: e.g. BG/NBD for NON_CONTRACTUAL
   * customers and sBG for CONTRACTUAL ones fill `clv` side by side.
   */
  relationships?: `${RelationshipKind}`[];
  /**
   * Metric keys of other plugins this provider needs (core kinds or free metric keys), as served:
   * they arrive in `subject.metrics` (and in `links[].metrics` when it requires relationships).
   * The host refreshes their owners before this plugin; a cycle is a startup error.
   */
  reads?: string[] | ((config: Config) => string[]);
  /** With 'relationships': 2 also hands each linked customer's own links (`links[].links`), or a function of the config. Default 1. */
  linkDepth?: 1 | 2 | ((config: Config) => 1 | 2);
  /**
   * Fits a model on the population, streamed in batches, once per refresh. The host reads the
   * population once for every plugin's fit: the same pass is handed to all of them side by side,
   * and the next batch is read only when every fit has taken the current one. So iterate the
   * stream promptly, keep only what the model needs (sums, distinct tuples, a reservoir), never
   * the subjects, and do the heavy computing after the loop. Stopping early is allowed.
   */
  fit?: (population: AsyncIterable<MetricSubject[]>, ctx: MetricContext<Config>) => Promise<{ model: FittedModel; diagnostics?: Record<string, unknown> }>;
  score: (
    subjects: MetricSubject[],
    model: FittedModel,
    ctx: MetricContext<Config>,
  ) => ScoreOutcome<K extends CoreKind ? KindValues[K] : Record<string, FreeMetricValue>>[];
  /**
   * Kind 'rfm' only, optional: how a fitted model's R and F scores follow from two summary
   * figures, so that the host groups customers by them in SQL (`customerStats(groupBy: [RFM_R,
   * RFM_F])`, the dashboard's R x F grid) without scoring each one. Return null when they do not
   * follow from those figures alone (e.g. scores over a window of recent interactions); grouping
   * by them then fails with a clear error. Pure; it must agree with `score`, which a test of the
   * plugin should check.
   */
  scoreBins?: (model: FittedModel, config: Config) => { r: ScoreBins; f: ScoreBins } | null;
}

/**
 * A score from binning one summary figure: 1 plus the number of `cutPoints` the figure is above
 * (a figure equal to a cut point goes to the lower bin), or `bins + 1` minus that when
 * `descending` (fewer days since the last purchase is the better recency).
 */
export interface ScoreBins {
  /** daysSinceLastPurchase counts whole days to the run's asOf; purchaseCount is the PURCHASE interactions. */
  figure: 'daysSinceLastPurchase' | 'purchaseCount';
  /** Ascending. */
  cutPoints: number[];
  descending: boolean;
}

/** A metric plugin: a plain object, exported as the default export of its module. */
export interface MetricPlugin<Config = Record<string, unknown>> {
  /**
   * kebab-case; equal to its folder under plugins/. A plugin shipped as an npm package (scoped
   * or not) picks its own name; options, selection and `modelRuns` all use this name.
   */
  name: string;
  version: string;
  /** The HOST_API_VERSION this plugin was written for. */
  apiVersion: string;
  description: string;
  /** Validates and defaults the plugin's options (a zod schema). */
  configSchema: z.ZodType<Config>;
  provides: MetricProvider<Config>[];
  /**
   * Publishes this plugin's labels as segments of kind PLUGIN (listed, sized and paged like any
   * segment, keyed `<plugin>-<label>`). `metricKey` names the stored value whose label is the
   * segment: a core kind ('rfm' stores the RFM segment name as its label) or a free metric key
   * whose values carry a `label`. Every key starting with `<plugin>-` is then reserved to the
   * plugin: users cannot create or change a segment under it.
   */
  segments?: { metricKey: string; description?: string };
  init?: (config: Config) => Promise<void> | void;
  dispose?: () => Promise<void> | void;
}

/** Identity helper so a plugin file gets full type checking. */
export function definePlugin<Config>(plugin: MetricPlugin<Config>): MetricPlugin<Config> {
  return plugin;
}

export { scoreEach } from './score-each';
export { readStoredModel } from './stored-model';
