import { Permission as P, type Permission } from './roles';

/**
 * Who may do what, in one table. Every field of Query and Mutation needs an entry here: the
 * schema refuses to build without one (fail closed), and the role-matrix test walks the schema.
 * Only root fields have rules: fields of other types need `graph:read`, which every role holds but
 * monitor, whose only permission (`monitoring:read`, for /metrics) reaches no root field.
 */
export const operationRules: Readonly<Record<string, Permission>> = {
  'Query.customer': P.GRAPH_READ,
  'Query.customers': P.GRAPH_READ,
  'Query.customerStats': P.GRAPH_READ,
  'Query.interactionStats': P.GRAPH_READ,
  'Query.cohortRetention': P.GRAPH_READ,
  'Query.metricHistory': P.GRAPH_READ,
  'Query.metricHistogram': P.GRAPH_READ,
  'Query.customerTable': P.GRAPH_READ,
  'Query.interactions': P.GRAPH_READ,
  'Query.modelRuns': P.GRAPH_READ,
  'Query.plugins': P.GRAPH_READ,
  'Query.segment': P.GRAPH_READ,
  'Query.segments': P.GRAPH_READ,
  'Query.viewer': P.GRAPH_READ,
  'Query.backtest': P.BACKTEST_RUN,
  'Query.apiKeys': P.ADMIN,
  'Query.auditLog': P.ADMIN,
  // Federation (src/federation): a router resolves references for its caller, whose key it forwards.
  'Query._entities': P.GRAPH_READ,
  'Query._service': P.GRAPH_READ,

  'Mutation.upsertCustomers': P.DATA_WRITE,
  'Mutation.recordInteractions': P.DATA_WRITE,
  'Mutation.linkCustomers': P.DATA_WRITE,
  'Mutation.unlinkCustomers': P.DATA_WRITE,
  'Mutation.deleteCustomer': P.CUSTOMER_ERASE,
  'Mutation.upsertSegment': P.SEGMENT_MANAGE,
  'Mutation.deleteSegment': P.SEGMENT_MANAGE,
  'Mutation.addSegmentMembers': P.SEGMENT_MANAGE,
  'Mutation.removeSegmentMembers': P.SEGMENT_MANAGE,
  'Mutation.refreshMetrics': P.METRICS_REFRESH,
  'Mutation.createApiKey': P.ADMIN,
  'Mutation.revokeApiKey': P.ADMIN,
};

/** How a personal field reads without `pii:read`. */
export type Masking = 'null' | 'pseudonym' | 'personal-keys';

/**
 * Personal fields. Without `pii:read` they read as null, as a stable pseudonym (a join key that
 * reveals nothing; null for callers that can write, who could test guesses), or, for JSON
 * objects, without the keys PII_KEYS names at any depth.
 */
export const personalFields: Readonly<Record<string, Masking>> = {
  'Customer.name': 'null',
  'Customer.email': 'pseudonym',
  'Customer.phone': 'null',
  'Customer.birthDate': 'null',
  'Customer.city': 'null',
  'Customer.traits': 'personal-keys',
  'Interaction.note': 'null',
  'Interaction.metadata': 'personal-keys',
};

/**
 * Arguments that would reveal personal data through what they select or how they order (a search
 * by name answers "is Ann Smith a customer?"): using them needs `pii:read`. Keyed by input type
 * and field; the check gets the value and the configured personal keys.
 */
export const personalInputs: Readonly<Record<string, (value: unknown, piiKeys: ReadonlySet<string>) => boolean>> = {
  'CustomerFilter.search': (v) => v !== null && v !== undefined,
  'CustomerFilter.city': (v) => Array.isArray(v) && v.length > 0,
  'CustomerOrder.field': (v) => v === 'NAME',
  'TraitFilter.key': (v, piiKeys) => typeof v === 'string' && piiKeys.has(v),
  // A rule over a personal field sorts customers by it just as a filter does.
  'SegmentRuleInput.field': (v, piiKeys) => typeof v === 'string' && (v === 'city' || v === 'age' || (v.startsWith('traits.') && piiKeys.has(v.slice(7)))),
};
