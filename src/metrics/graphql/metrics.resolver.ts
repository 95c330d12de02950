import { Arg, Ctx, GraphQLISODateTime, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphContext } from '../../graphql/context';
import { GraphQLError } from 'graphql';
import { badInput, ErrorCode } from '../../graphql/errors';
import { RefreshQueueFull } from '../host/refresh-queue';
import { PluginInfo } from './metric.types';
import { pluginsNamed } from '../host/metrics-setup';
import { ModelRun } from '../store/model-run.entity';
import { showRunError } from '../store/run-public-error';
import { producedKeys } from '../host/provider-key';
import { selectedFor } from '../host/metric-sources';

@Resolver()
export class MetricsResolver {
  @Query(() => [PluginInfo], { description: 'The metric plugins loaded at startup and the kinds each one is selected for.' })
  plugins(@Ctx() ctx: GraphContext): PluginInfo[] {
    return ctx.metrics.setup.plugins.map((lp) => ({
      name: lp.plugin.name,
      version: lp.plugin.version,
      description: lp.plugin.description,
      kinds: producedKeys(lp.plugin.provides),
      selected: selectedFor(ctx.metrics.setup, lp),
    }));
  }

  @Query(() => [ModelRun], { description: 'Model runs, newest first.' })
  async modelRuns(
    @Arg('plugin', () => String, { nullable: true }) plugin: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 500.' }) first: number | null,
    @Ctx() ctx: GraphContext,
  ): Promise<ModelRun[]> {
    const n = first ?? 20;
    if (n < 0 || n > 500) throw badInput('must be between 0 and 500', { field: 'first' }, 'args');
    const runs = await ctx.ds.getRepository(ModelRun).find({ where: plugin ? { plugin } : {}, order: { id: 'DESC' }, take: n });
    return runs.map(showRunError);
  }

  @Mutation(() => [ModelRun], {
    description: 'Refits and rescores the named plugins (all by default) on data up to asOf (default now), then switches readers to the new values at once. A failed run leaves the previous values served. Whichever replica holds the refresh lease runs it; an identical request that has not started yet is joined.',
  })
  async refreshMetrics(
    @Arg('plugins', () => [String], { nullable: true }) plugins: string[] | null,
    @Arg('asOf', () => GraphQLISODateTime, { nullable: true }) asOf: Date | null,
    @Arg('wait', () => Boolean, { defaultValue: true, description: 'false: return the QUEUED runs at once and refresh in the background; poll modelRuns.' }) wait: boolean,
    @Ctx() ctx: GraphContext,
  ): Promise<ModelRun[]> {
    plugins?.forEach((name, index) => {
      try {
        pluginsNamed(ctx.metrics.setup, [name]);
      } catch (e) {
        throw badInput((e as Error).message, { index }, 'plugins');
      }
    });
    if (asOf && asOf.getTime() > ctx.now.getTime() + ctx.config.clockSkewMs) throw badInput('must not be in the future', { field: 'asOf' }, 'args');
    let refresh;
    try {
      refresh = await ctx.metrics.enqueue(plugins ?? undefined, asOf ?? ctx.now, undefined, ctx.caller.id);
    } catch (e) {
      if (e instanceof RefreshQueueFull) throw new GraphQLError(e.message, { extensions: { code: ErrorCode.RATE_LIMITED, http: { status: 429 } } });
      throw e;
    }
    const { queued, done } = refresh;
    if (wait) return done;
    done.catch((err) => ctx.log.error({ err }, 'background metrics refresh failed'));
    return queued;
  }
}
