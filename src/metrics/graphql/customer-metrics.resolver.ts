import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Customer } from '../../customers/customer.entity';
import type { GraphContext } from '../../graphql/context';
import { badInput, ErrorCode } from '../../graphql/errors';
import { ChurnMetric } from '../kinds/churn/churn.graphql';
import { ClvMetric } from '../kinds/clv/clv.graphql';
import { CORE_KIND_SPECS } from '../kinds/core-kinds';
import { RfmMetric } from '../kinds/rfm/rfm.graphql';
import { MetricEntry } from './metric.types';
import { pluginStatus } from './plugin-runs.loader';
import { MissingMetric, MissingMetricReason, PluginStatus } from './plugin-status.types';
import { scoreOnRead } from './details-on-read';
import { metricSources, sourceFor } from '../host/metric-sources';
import { isScoreError } from '../engine/score-batch';
import type { CoreKind } from '../../plugin-api/plugin.contract';

/** The served value of a core kind for one customer, or null; a per-customer plugin failure errors this field only. */
async function coreValue<T>(ctx: GraphContext, c: Customer, kind: CoreKind): Promise<T | null> {
  // The plugin that serves this kind of customer (BG/NBD for non-contractual, sBG for contractual...).
  const lp = sourceFor(metricSources(ctx.metrics.setup, kind) ?? [], c.relationship)?.lp;
  if (!lp) return null;
  const runId = (await ctx.loaders.currentRuns()).get(lp.plugin.name);
  if (runId === undefined) return null;
  const row = (await ctx.loaders.metricValues.load(c.id)).find((v) => v.runId === runId && v.metricKey === kind);
  if (!row) return null;
  const failed = (error: string) => new GraphQLError(`Plugin "${lp.plugin.name}" could not compute ${kind} for this customer: ${error}`, {
    extensions: { code: ErrorCode.METRIC_FAILED, plugin: lp.plugin.name, modelRunId: String(runId) },
  });
  if (row.error) throw failed(row.error);
  const spec = CORE_KIND_SPECS[kind];
  const served = { model: lp.plugin.name, modelRunId: String(runId), asOf: row.asOf };
  // Optional fields a plugin may leave out are served as their kind's defaults (null, lists empty).
  if (row.data) return { ...spec.defaults, ...row.data, ...served } as T;
  // Stored as a headline only: the other fields are scored again from the run's model (see
  // details-on-read), once, and only if the client asks for one of them.
  let scored: Promise<Record<string, unknown>> | undefined;
  const details = () => (scored ??= (async () => {
    const [record, params] = await Promise.all([ctx.loaders.summaryRecords.load(c.id), ctx.metrics.runParams.get([runId])]);
    const outcome = scoreOnRead(lp, kind, c, record, params.get(runId) ?? null, row.asOf, ctx.config.baseCurrency);
    if (outcome && isScoreError(outcome)) throw failed(outcome.error);
    return { ...spec.defaults, ...(outcome as Record<string, unknown> | null) };
  })());
  const value: Record<string, unknown> = { ...spec.fromHeadline(row.value, row.label, ctx.config.baseCurrency), ...served };
  // Getters, read by the field resolvers only for the fields a client selected.
  for (const field of spec.details) Object.defineProperty(value, field, { enumerable: true, get: () => details().then((d) => d[field] ?? null) });
  return value as T;
}

const CORE_KINDS: CoreKind[] = ['rfm', 'clv', 'churn'];

/** Why a customer has no value of a core kind, or null when it has one. */
async function missing(ctx: GraphContext, c: Customer, kind: CoreKind): Promise<MissingMetric | null> {
  const lp = sourceFor(metricSources(ctx.metrics.setup, kind) ?? [], c.relationship)?.lp;
  if (!lp) return { kind, plugin: null, reason: MissingMetricReason.NOT_SELECTED, message: `no plugin is selected for ${kind} for ${c.relationship} customers` };
  const plugin = lp.plugin.name;
  const runId = (await ctx.loaders.currentRuns()).get(plugin);
  if (runId === undefined) {
    const runs = await ctx.loaders.pluginRuns();
    const last = runs.latest.get(plugin);
    const status = pluginStatus(plugin, runs);
    const why = last?.error ? `its last run (${last.id}) failed: ${last.error}`
      : status === PluginStatus.NO_CUSTOMERS ? `its last run (${last!.id}) found no customer to fit`
        : status === PluginStatus.PENDING ? 'its first run has not finished' : 'it has never run';
    return { kind, plugin, reason: MissingMetricReason.NO_SERVED_RUN, message: `${plugin} serves no values yet: ${why}` };
  }
  const row = (await ctx.loaders.metricValues.load(c.id)).find((v) => v.runId === runId && v.metricKey === kind);
  if (!row) return { kind, plugin, reason: MissingMetricReason.NOT_SCORED, message: `run ${runId} of ${plugin} has no value for this customer (the plugin leaves such customers out, or the customer is newer than the run)` };
  if (row.error) return { kind, plugin, reason: MissingMetricReason.SCORE_FAILED, message: `${plugin} could not compute ${kind} for this customer: ${row.error}` };
  return null;
}

@Resolver(() => Customer)
export class CustomerMetricsResolver {
  @FieldResolver(() => [MissingMetric], { description: 'The core metrics (rfm, clv, churn) this customer has no value of, each with the reason: empty when it has all three.' })
  async missingMetrics(@Root() c: Customer, @Ctx() ctx: GraphContext): Promise<MissingMetric[]> {
    const all = await Promise.all(CORE_KINDS.map((kind) => missing(ctx, c, kind)));
    return all.filter((m): m is MissingMetric => m !== null);
  }

  @FieldResolver(() => RfmMetric, { nullable: true, description: 'RFM scores and segment from the selected rfm plugin; null without purchases or without a run.' })
  rfm(@Root() c: Customer, @Ctx() ctx: GraphContext): Promise<RfmMetric | null> {
    return coreValue(ctx, c, 'rfm');
  }

  @FieldResolver(() => ClvMetric, { nullable: true, description: 'Lifetime value from the selected clv plugin.' })
  clv(@Root() c: Customer, @Ctx() ctx: GraphContext): Promise<ClvMetric | null> {
    return coreValue(ctx, c, 'clv');
  }

  @FieldResolver(() => ChurnMetric, { nullable: true, description: 'Churn risk from the selected churn plugin.' })
  churn(@Root() c: Customer, @Ctx() ctx: GraphContext): Promise<ChurnMetric | null> {
    return coreValue(ctx, c, 'churn');
  }

  @FieldResolver(() => [MetricEntry], { description: 'Free metrics added by plugins (all, or the given keys).' })
  async metrics(
    @Root() c: Customer,
    @Arg('keys', () => [String], { nullable: true }) keys: string[] | null,
    @Ctx() ctx: GraphContext,
  ): Promise<MetricEntry[]> {
    const { freeMetrics } = ctx.metrics.setup;
    const unknown = keys?.filter((k) => !freeMetrics.has(k)) ?? [];
    if (unknown.length) {
      throw badInput(`unknown metric ${unknown.map((k) => `"${k}"`).join(', ')} (free metrics: ${[...freeMetrics.keys()].join(', ') || 'none'})`, { field: 'keys' }, 'args');
    }
    const runs = await ctx.loaders.currentRuns();
    const rows = await ctx.loaders.metricValues.load(c.id);
    return rows
      .flatMap((r) => {
        const plugin = freeMetrics.get(r.metricKey)?.plugin.name;
        const wanted = plugin !== undefined && runs.get(plugin) === r.runId && (!keys || keys.includes(r.metricKey));
        return wanted ? [{ key: r.metricKey, value: r.value, label: r.label, plugin, modelRunId: String(r.runId), asOf: r.asOf, error: r.error }] : [];
      })
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}
