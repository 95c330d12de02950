import 'reflect-metadata';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import './enum-registrations';
import { ApiKeyResolver } from '../auth/api-key.resolver';
import { AuditLogResolver } from '../auth/audit-log.resolver';
import { applyAccessRules } from '../auth/schema-access';
import { CustomerFieldsResolver } from '../customers/customer-fields.resolver';
import { CustomerIngestResolver } from '../customers/customer-ingest.resolver';
import { CustomerResolver } from '../customers/customer.resolver';
import { InteractionIngestResolver } from '../interactions/interaction-ingest.resolver';
import { InteractionResolver } from '../interactions/interaction.resolver';
import { BacktestResolver } from '../metrics/backtest/backtest.resolver';
import { CustomerMetricsResolver } from '../metrics/graphql/customer-metrics.resolver';
import { MetricsResolver } from '../metrics/graphql/metrics.resolver';
import { PluginInfoResolver } from '../metrics/graphql/plugin-info.resolver';
import { LinkIngestResolver } from '../relationships/link-ingest.resolver';
import { RelationshipResolver } from '../relationships/relationship.resolver';
import { SegmentMutationResolver } from '../segments/segment-mutation.resolver';
import { SegmentResolver } from '../segments/segment.resolver';
import { SegmentStatsResolver } from '../segments/segment-stats.resolver';
import { SegmentChangeResolver } from '../segments/history/segment-change.resolver';
import { SegmentHistoryResolver } from '../segments/history/segment-history.resolver';
import { SegmentRuleResolver } from '../segments/rules/segment-rule.resolver';
import { CustomerStatsResolver } from '../analytics/customer-stats.resolver';
import { MetricHistogramResolver } from '../analytics/metric-histogram.resolver';
import { InteractionStatsResolver } from '../analytics/interaction-stats.resolver';
import { CohortRetentionResolver } from '../analytics/cohort-retention.resolver';
import { MetricHistoryResolver } from '../metrics/history/metric-history.resolver';
import { CustomerTableResolver } from '../analytics/customer-table.resolver';
import { toSubgraphSchema } from '../federation/subgraph-schema';

let cached: Promise<GraphQLSchema> | undefined;

/**
 * The executable schema, built once per process (type-graphql metadata is global): also an Apollo
 * Federation 2 subgraph (src/federation), with access rules applied to all of it.
 */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [
      CustomerResolver, CustomerFieldsResolver, CustomerIngestResolver,
      InteractionResolver, InteractionIngestResolver,
      CustomerMetricsResolver, MetricsResolver, PluginInfoResolver,
      BacktestResolver,
      RelationshipResolver, LinkIngestResolver, SegmentResolver, SegmentMutationResolver, SegmentStatsResolver,
      SegmentRuleResolver, SegmentHistoryResolver, SegmentChangeResolver,
      CustomerStatsResolver, MetricHistogramResolver, InteractionStatsResolver, CohortRetentionResolver, MetricHistoryResolver, CustomerTableResolver,
      ApiKeyResolver, AuditLogResolver,
    ],
    validate: false,
  }).then((schema) => applyAccessRules(toSubgraphSchema(lexicographicSortSchema(schema))));
  return cached;
}
