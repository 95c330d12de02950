import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphContext } from '../../graphql/context';
import { ModelRun } from '../store/model-run.entity';
import { PluginInfo } from './metric.types';
import { pluginStatus } from './plugin-runs.loader';
import { PluginStatus } from './plugin-status.types';

/** Whether each plugin's values are served, and its runs: a failed served model is visible, not silent. */
@Resolver(() => PluginInfo)
export class PluginInfoResolver {
  @FieldResolver(() => PluginStatus)
  async status(@Root() p: PluginInfo, @Ctx() ctx: GraphContext): Promise<PluginStatus> {
    return pluginStatus(p.name, await ctx.loaders.pluginRuns());
  }

  @FieldResolver(() => ModelRun, { nullable: true, description: 'Its latest run, whatever its status (its `error` says why a FAILED one failed).' })
  async lastRun(@Root() p: PluginInfo, @Ctx() ctx: GraphContext): Promise<ModelRun | null> {
    return (await ctx.loaders.pluginRuns()).latest.get(p.name) ?? null;
  }

  @FieldResolver(() => ModelRun, { nullable: true, description: 'The run whose values are served now; null when none is.' })
  async servedRun(@Root() p: PluginInfo, @Ctx() ctx: GraphContext): Promise<ModelRun | null> {
    return (await ctx.loaders.pluginRuns()).served.get(p.name) ?? null;
  }
}
