import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { customerByExternalIdLoader } from '../customers/customer-by-external-id.loader';
import { customerByIdLoader } from '../customers/customer-by-id.loader';
import { customerReferencesLoader } from '../federation/customer-references.loader';
import { customerInteractionCountLoader, customerInteractionsLoader } from '../interactions/customer-interactions.loader';
import { metricValuesLoader } from '../metrics/graphql/metric-values.loader';
import { pluginRunsLoader } from '../metrics/graphql/plugin-runs.loader';
import { linkedCustomersLoader } from '../relationships/linked-customers.loader';
import { customerMembershipsLoader, segmentSizeLoader } from '../segments/segment.loaders';
import { segmentByKeyLoader } from '../segments/segment-by-key.loader';
import { segmentChangeCountsLoader } from '../segments/history/segment-change-counts';
import { segmentHistoryLoader } from '../segments/history/segment-history.loaders';
import { segmentRuleVersionsLoader } from '../segments/rules/segment-rule.loader';
import { segmentMetricAverageLoader, segmentRevenueLoader } from '../segments/segment-stats.loaders';
import { customerSummaryLoader, summaryRecordLoader } from '../summaries/customer-summary.loader';

/**
 * Built fresh for every request, so batching never leaks data or staleness across requests.
 * `servedRuns`: the run each plugin serves (the runtime's cache), read once per request.
 */
export function createLoaders(ds: DataSource, config: AppConfig, servedRuns: () => Promise<Map<string, number>>, now = new Date()) {
  let runs: Promise<Map<string, number>> | undefined;
  const currentRuns = () => (runs ??= servedRuns());
  const summaryRecords = summaryRecordLoader(ds);
  const customerById = customerByIdLoader(ds);
  const customerByExternalId = customerByExternalIdLoader(ds);
  return {
    customerById,
    customerByExternalId,
    /** Federation's `_entities`: customers by either key, answered together. */
    customerReferences: customerReferencesLoader({ customerById, customerByExternalId }),
    summaryRecords,
    summary: customerSummaryLoader(summaryRecords, config.baseCurrency, now),
    customerInteractions: customerInteractionsLoader(ds),
    customerInteractionCount: customerInteractionCountLoader(ds),
    linkedCustomers: linkedCustomersLoader(ds),
    customerMemberships: customerMembershipsLoader(ds),
    segmentRuleVersions: segmentRuleVersionsLoader(ds),
    segmentHistory: segmentHistoryLoader(ds),
    segmentChangeCounts: segmentChangeCountsLoader(ds),
    segmentByKey: segmentByKeyLoader(ds),
    segmentSize: segmentSizeLoader(ds),
    segmentRevenue: segmentRevenueLoader(ds),
    segmentMetricAverage: segmentMetricAverageLoader(ds),
    currentRuns,
    metricValues: metricValuesLoader(ds, currentRuns),
    pluginRuns: pluginRunsLoader(ds, currentRuns),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
