import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { CustomerFilter } from '../customers/customer-filter.input';
import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { metricHistogram } from './metric-histogram.query';
import { HistogramScale, MetricHistogram } from './metric-histogram.types';

export const HISTOGRAM_BINS_MAX = 100;

/** The distribution of a served metric (CLV, churn probability, any free metric) for charts. */
@Resolver()
export class MetricHistogramResolver {
  @Query(() => MetricHistogram, {
    description: 'How the served values of a metric (the headline value: CLV, churn probability, RFM score, a free metric) are spread over the customers of a filter: '
      + `\`bins\` bins (default 20, at most ${HISTOGRAM_BINS_MAX}) of equal width, or of equal width in log10 (scale LOG), with the share of the total held by the top 10% and 1%. `
      + 'Grouped SQL, bounded by AGGREGATE_TIME_LIMIT_SECONDS.',
  })
  metricHistogram(
    @Arg('key', () => String) key: string,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Arg('bins', () => Int, { defaultValue: 20 }) bins: number,
    @Arg('scale', () => HistogramScale, { defaultValue: HistogramScale.LINEAR }) scale: HistogramScale,
    @Ctx() ctx: GraphContext,
  ): Promise<MetricHistogram> {
    if (bins < 1 || bins > HISTOGRAM_BINS_MAX) throw badInput(`must be between 1 and ${HISTOGRAM_BINS_MAX}`, { field: 'bins' }, 'args');
    return metricHistogram(ctx, { key, filter, bins, scale });
  }
}
