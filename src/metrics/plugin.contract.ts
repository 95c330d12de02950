import type { z } from 'zod';
import type { CustomerSummary } from '../summaries/customer-summary.type';
import type { Channel, ContactLevel, InteractionType, LinkType, Origin, Party, RelationshipKind, ChannelRole } from '../common/enums';

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
}

/** Passed to fit and score. */
export interface MetricContext<Config> {
  /** The plugin's validated configuration (defaults applied). */
  config: Config;
  /** Observation end: everything after it is invisible to the plugin. */
  asOf: Date;
  /** The base currency of every money value. */
  currency: string;
  log: (message: string, data?: Record<string, unknown>) => void;
}

/** The value of the `rfm` kind for one customer. */
export interface RfmValue {
  recency: number | null;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  cell: string;
  segment: string;
  score: number | null;
}

/** The value of the `clv` kind for one customer. */
export interface ClvValue {
  value: number;
  currency: string;
  horizonMonths: number | null;
  discountRate: number | null;
  expectedPurchases: number | null;
  expectedAverageOrderValue: number | null;
}

/** The value of the `churn` kind for one customer. */
export interface ChurnValue {
  probability: number;
  pAlive: number | null;
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
 * and cheap: it runs in refreshes and again for single customers right after their ingest.
 */
export interface MetricProvider<Config, K extends CoreKind | 'metrics' = CoreKind | 'metrics'> {
  kind: K;
  /** For kind 'metrics': the keys it adds, e.g. ['value-tier']. */
  metricKeys?: string[];
  requires: Requirement[] | ((config: Config) => Requirement[]);
  fit?: (population: AsyncIterable<MetricSubject[]>, ctx: MetricContext<Config>) => Promise<{ model: FittedModel; diagnostics?: Record<string, unknown> }>;
  score: (
    subjects: MetricSubject[],
    model: FittedModel,
    ctx: MetricContext<Config>,
  ) => ScoreOutcome<K extends CoreKind ? KindValues[K] : Record<string, FreeMetricValue>>[];
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
   * whose values carry a `label`.
   */
  segments?: { metricKey: string; description?: string };
  init?: (config: Config) => Promise<void> | void;
  dispose?: () => Promise<void> | void;
}

/** Identity helper so a plugin file gets full type checking. */
export function definePlugin<Config>(plugin: MetricPlugin<Config>): MetricPlugin<Config> {
  return plugin;
}
