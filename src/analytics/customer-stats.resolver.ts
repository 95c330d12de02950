import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { CustomerFilter } from '../customers/customer-filter.input';
import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { CustomerDimension } from './customer-dimension';
import { customerStats } from './customer-stats.query';
import { CustomerMeasure, CustomerStatsRow } from './customer-stats.types';
import { Granularity } from './period.sql';

export const STATS_LIMIT_MAX = 5000;

/** Grouped tables for BI tools: one row per group, one column per dimension and measure. */
@Resolver()
export class CustomerStatsResolver {
  @Query(() => [CustomerStatsRow], {
    description: 'Customers (filtered like `customers`) grouped by dimensions, with measures: a flat table, one row per group, ordered by the dimensions. '
      + `Runs as one grouped SQL statement, stopped after AGGREGATE_TIME_LIMIT_SECONDS (TIME_LIMIT). At most \`limit\` groups (default 1000, at most ${STATS_LIMIT_MAX}).`,
  })
  customerStats(
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Arg('groupBy', () => [CustomerDimension], { defaultValue: [] }) groupBy: CustomerDimension[],
    @Arg('measures', () => [CustomerMeasure], { defaultValue: [CustomerMeasure.COUNT] }) measures: CustomerMeasure[],
    @Arg('metricAverages', () => [String], { defaultValue: [], description: 'Metric keys (free metrics or core kinds) to average per group.' }) metricAverages: string[],
    @Arg('cohort', () => Granularity, { defaultValue: Granularity.MONTH, description: 'The period of ACQUISITION_COHORT.' }) cohort: Granularity,
    @Arg('limit', () => Int, { defaultValue: 1000 }) limit: number,
    @Ctx() ctx: GraphContext,
  ): Promise<CustomerStatsRow[]> {
    if (limit < 1 || limit > STATS_LIMIT_MAX) throw badInput(`must be between 1 and ${STATS_LIMIT_MAX}`, { field: 'limit' }, 'args');
    if (new Set(groupBy).size !== groupBy.length) throw badInput('names a dimension twice', { field: 'groupBy' }, 'args');
    if (metricAverages.length > 20) throw badInput('at most 20 metrics', { field: 'metricAverages' }, 'args');
    return customerStats(ctx, { filter, groupBy, cohort, measures: [...new Set(measures)], metricAverages, limit });
  }
}
