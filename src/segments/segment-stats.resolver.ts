import { Arg, Ctx, Field, Float, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphContext } from '../graphql/context';
import { resolveMetricRuns } from '../metrics/graphql/metric-run-resolution';
import { Segment } from './segment.entity';

@ObjectType({ description: 'The mean of a metric over a segment\'s members that have a value.' })
class SegmentMetricAverage {
  @Field(() => String) key!: string;
  @Field(() => Float, { nullable: true, description: 'Null when no member has a value (or the metric has not run).' }) average!: number | null;
  @Field(() => Int, { description: 'Members with a value.' }) count!: number;
}

/** What a segment is worth: its members' revenue and the average of any metric over them. */
@Resolver(() => Segment)
export class SegmentStatsResolver {
  @FieldResolver(() => Float, { description: 'Net revenue of the current members (base currency).' })
  revenue(@Root() s: Segment, @Ctx() ctx: GraphContext): Promise<number> {
    return ctx.loaders.segmentRevenue.load(s.id);
  }

  @FieldResolver(() => SegmentMetricAverage, {
    description: 'Average of a metric over the members: "clv" (average CLV), "churn" (average churn probability), "rfm" (average RFM score) or a free metric key.',
  })
  async metricAverage(@Root() s: Segment, @Arg('key', () => String) key: string, @Ctx() ctx: GraphContext): Promise<SegmentMetricAverage> {
    const sources = (await resolveMetricRuns(ctx, [{ key, field: 'key' }])).get(key) ?? [];
    if (!sources.length) return { key, average: null, count: 0 };
    return { key, ...(await ctx.loaders.segmentMetricAverage.load({ segmentId: s.id, metricKey: key, sources })) };
  }
}
