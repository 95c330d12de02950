/** What the bounds depend on: configured limits, and how many segments exist now. */
export interface ListLimits {
  batchSizeMax: number;
  pageSizeMax: number;
  segments(kind?: string): number;
}

/**
 * The most items each list field without `first` can return, for pricing queries by their worst
 * case. A list field missing here is priced at PAGE_SIZE_MAX items (safe: too high, never too low).
 */
export const listBounds: Readonly<Record<string, (args: Record<string, unknown>, limits: ListLimits) => number>> = {
  // One row per plugin or metric key: a deployment loads a few dozen at most.
  'Query.plugins': () => 100,
  // Aggregates return at most `limit` groups (default 1000).
  'Query.customerStats': (args) => (typeof args.limit === 'number' ? args.limit : 1000),
  'CustomerStatsRow.metricAverages': () => 20,
  'Query.interactionStats': (args) => (typeof args.limit === 'number' ? args.limit : 1000),
  // One row per cohort and period: at most 60 x 60 at MONTH granularity over five years.
  'Query.metricHistory': (args) => (typeof args.last === 'number' ? args.last : 20),
  'MetricDistribution.labels': () => 100,
  'MetricHistogram.bins': () => 100,
  'Query.cohortRetention': (args) => 60 * (typeof args.periods === 'number' ? args.periods : 12),
  'Mutation.refreshMetrics': () => 100,
  'BacktestReport.plugins': () => 100,
  'Customer.metrics': (args) => (Array.isArray(args.keys) ? args.keys.length : 100),
  'Customer.missingMetrics': () => 3,
  'ClvMetric.inputs': () => 20,
  // Fixed by the model: deciles, repeat-purchase buckets, enum members.
  'ChurnBacktest.calibration': () => 10,
  'ClvBacktest.byRepeatPurchases': () => 20,
  'ClvBacktest.cumulative': () => 13,
  'CustomerSummary.interactionsByChannel': () => 20,
  'CustomerSummary.interactionsByContactLevel': () => 20,
  'CustomerSummary.interactionsByType': () => 20,
  // As many as exist (counted every 10 s); keys are few, priced as a full page.
  'Query.segments': (args, l) => l.segments(typeof args.kind === 'string' ? args.kind : undefined),
  'Customer.segments': (_args, l) => l.segments(),
  'Customer.segmentMemberships': (_args, l) => l.segments(),
  'Segment.history': (args) => (typeof args.last === 'number' ? args.last : 100),
  // A rule changes by hand: versions are few.
  'Segment.ruleVersions': () => 100,
  'Query.apiKeys': (_args, l) => l.pageSizeMax,
  // Federation: one entity (or null) per representation, at most 1,000 (src/federation/representation-limit.ts).
  'Query._entities': (args, l) => (Array.isArray(args.representations) ? args.representations.length : l.batchSizeMax),
  // Mutation payloads hold one item per input item.
  'UpsertCustomersPayload.customers': (_args, l) => l.batchSizeMax,
  'RecordInteractionsPayload.interactions': (_args, l) => l.batchSizeMax,
  // Edges are priced by their connection's `first`.
  'CustomerConnection.edges': () => 1,
  'InteractionConnection.edges': () => 1,
  'SegmentChangeConnection.edges': () => 1,
};
