import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphContext } from '../../graphql/context';
import { badInput } from '../../graphql/errors';
import { servedMetricKeys } from '../host/metric-sources';
import { MetricDistribution } from './metric-distribution.entity';

const LAST_MAX = 500;

@Resolver()
export class MetricHistoryResolver {
  @Query(() => [MetricDistribution], {
    description: `How a metric moved over refreshes: its distribution (count, mean, percentiles, label counts) in each of the last \`last\` published runs (default 20, at most ${LAST_MAX}), oldest first. `
      + 'Kept after the runs\' own values are dropped; each route of a core kind (clv for NON_CONTRACTUAL and CONTRACTUAL customers) has its own points.',
  })
  async metricHistory(
    @Arg('key', () => String) key: string,
    @Arg('last', () => Int, { defaultValue: 20 }) last: number,
    @Ctx() ctx: GraphContext,
  ): Promise<MetricDistribution[]> {
    if (last < 1 || last > LAST_MAX) throw badInput(`must be between 1 and ${LAST_MAX}`, { field: 'last' }, 'args');
    const known = servedMetricKeys(ctx.metrics.setup);
    if (!known.includes(key)) throw badInput(`unknown metric "${key}" (known: ${known.join(', ') || 'none'})`, { field: 'key' }, 'args');
    const rows = await ctx.ds.getRepository(MetricDistribution).find({ where: { metricKey: key }, order: { recordedAt: 'DESC', runId: 'DESC' }, take: last });
    return rows.reverse();
  }
}
