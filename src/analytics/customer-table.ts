import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { Permission } from '../auth/roles';
import type { Principal } from '../auth/principal';
import type { AppConfig } from '../config/config';
import type { Customer } from '../customers/customer.entity';
import type { CustomerFilter } from '../customers/customer-filter.input';
import { customerQuery } from '../customers/customer-query';
import { ErrorCode, badInput } from '../graphql/errors';
import type { Loaders } from '../graphql/loaders';
import type { MetricRuns } from '../metrics/graphql/metric-run-resolution';
import { servedMetricKeys } from '../metrics/host/metric-sources';
import type { MetricsSetup } from '../metrics/host/metrics-setup';
import type { MetricValue } from '../metrics/store/metric-value.entity';
import type { CustomerSummary } from '../summaries/customer-summary';

type Cell = string | number | boolean | null;
type Reader = (c: Customer, s: CustomerSummary, m: Map<string, MetricValue>) => Cell;

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const field = (k: keyof Customer): Reader => (c) => (c[k] as Cell) ?? null;
const date = (k: keyof Customer): Reader => (c) => iso(c[k] as Date | null);
const summary = (k: keyof CustomerSummary): Reader => (_c, s) => {
  const v = s[k];
  return v instanceof Date ? v.toISOString() : ((v as Cell) ?? null);
};

/** The fixed columns, by the names of the GraphQL fields (and of rule fields): identity, the customer, its summary. */
const COLUMNS: Readonly<Record<string, Reader>> = {
  id: (c) => c.id,
  externalId: field('externalId'),
  name: field('name'), email: field('email'), phone: field('phone'), birthDate: field('birthDate'), city: field('city'),
  party: field('party'), relationship: field('relationship'), channelRole: field('channelRole'), origin: field('origin'), gender: field('gender'),
  incomeBand: field('incomeBand'), country: field('country'), region: field('region'), acquisitionSource: field('acquisitionSource'),
  acquisitionCost: field('acquisitionCost'), acquiredAt: date('acquiredAt'), contractStartedAt: date('contractStartedAt'),
  contractEndedAt: date('contractEndedAt'), churnReason: field('churnReason'), createdAt: date('createdAt'), updatedAt: date('updatedAt'),
  'consent.email': (c) => c.consent.email, 'consent.sms': (c) => c.consent.sms, 'consent.phone': (c) => c.consent.phone, 'consent.profiling': (c) => c.consent.profiling,
  revenue: summary('revenue'), grossRevenue: summary('grossRevenue'), refundedAmount: summary('refundedAmount'), refundCount: summary('refundCount'),
  totalMargin: summary('totalMargin'), purchaseCount: summary('purchaseCount'), repeatPurchases: summary('repeatPurchases'),
  purchaseDays: summary('purchaseDays'), averageOrderValue: summary('averageOrderValue'), interactionCount: summary('interactionCount'),
  scoredSurveyCount: summary('scoredSurveyCount'), averageSatisfactionGap: summary('averageSatisfactionGap'),
  firstPurchaseAt: summary('firstPurchaseAt'), lastPurchaseAt: summary('lastPurchaseAt'), firstInteractionAt: summary('firstInteractionAt'),
  lastInteractionAt: summary('lastInteractionAt'), daysSinceFirstPurchase: summary('daysSinceFirstPurchase'), daysSinceLastPurchase: summary('daysSinceLastPurchase'),
};

/** Columns that hold personal data: listed only for callers with `pii:read`. */
const PERSONAL = new Set(['name', 'email', 'phone', 'birthDate', 'city']);

/**
 * The table's columns: those asked for, checked, or by default every fixed column the caller may
 * read, `metrics.<key>` for every served metric key and `labels.<key>` for those published as
 * labels. Unknown columns are BAD_USER_INPUT naming them; personal ones without `pii:read` FORBIDDEN.
 */
export function tableColumns(setup: MetricsSetup, requested: string[] | null | undefined, caller: Principal, piiKeys: ReadonlySet<string>): string[] {
  const pii = caller.can(Permission.PII_READ);
  const metrics = servedMetricKeys(setup);
  const labelled = ['rfm', ...setup.plugins.flatMap((lp) => (lp.plugin.segments ? [lp.plugin.segments.metricKey] : []))].filter((k, i, all) => metrics.includes(k) && all.indexOf(k) === i);
  if (!requested?.length) {
    return [...Object.keys(COLUMNS).filter((k) => pii || !PERSONAL.has(k)), ...metrics.map((k) => `metrics.${k}`), ...labelled.map((k) => `labels.${k}`)];
  }
  const unknown = requested.filter((c) => !COLUMNS[c] && !(/^(metrics|labels)\./.test(c) && metrics.includes(c.replace(/^\w+\./, ''))) && !/^traits\..{1,100}$/.test(c));
  if (unknown.length) {
    throw badInput(`unknown columns ${unknown.map((c) => `"${c}"`).join(', ')}: use ${Object.keys(COLUMNS).slice(0, 5).join(', ')}..., metrics.<key> or labels.<key> (keys: ${metrics.join(', ')}), traits.<key>`, { field: 'columns' }, 'args');
  }
  const personal = requested.filter((c) => PERSONAL.has(c) || (c.startsWith('traits.') && piiKeys.has(c.slice(7))));
  if (personal.length && !pii) {
    throw new GraphQLError(`Forbidden: columns ${personal.join(', ')} hold personal data and need the permission "${Permission.PII_READ}".`, {
      extensions: { code: ErrorCode.FORBIDDEN, permission: Permission.PII_READ, field: 'columns', http: { status: 403 } },
    });
  }
  return [...new Set(requested)];
}

export interface TablePageDeps {
  ds: DataSource;
  config: AppConfig;
  loaders: Pick<Loaders, 'summary' | 'metricValues'>;
  metricRuns: MetricRuns;
}

export interface TablePage {
  rows: Record<string, Cell>[];
  /** The id of the last row, for the next page's keyset; null when the page is empty. */
  lastId: number | null;
  hasNext: boolean;
}

/**
 * One keyset page of the flat customer table: the customers after id `afterId` that pass the
 * filter, in id order, each a flat object of `columns`. Three statements whatever the page size
 * (customers, their summaries, their served metric values), at the same cost on every page.
 */
export async function customerTablePage(d: TablePageDeps, filter: CustomerFilter | null | undefined, columns: string[], afterId: number, first: number): Promise<TablePage> {
  const found = await customerQuery(d.ds, filter, d.metricRuns).andWhere('c.id > :tableAfter', { tableAfter: afterId }).orderBy('c.id', 'ASC').limit(first + 1).getMany();
  const customers = found.slice(0, first);
  const ids = customers.map((c) => c.id);
  const [summaries, values] = await Promise.all([d.loaders.summary.loadMany(ids), d.loaders.metricValues.loadMany(ids)]);
  const rows = customers.map((c, i) => {
    const s = summaries[i] as CustomerSummary;
    const m = new Map((values[i] as MetricValue[]).map((v) => [v.metricKey, v]));
    const row: Record<string, Cell> = {};
    for (const col of columns) row[col] = cell(col, c, s, m);
    return row;
  });
  return { rows, lastId: customers.at(-1)?.id ?? null, hasNext: found.length > first };
}

function cell(col: string, c: Customer, s: CustomerSummary, m: Map<string, MetricValue>): Cell {
  const fixed = COLUMNS[col];
  if (fixed) return fixed(c, s, m);
  if (col.startsWith('metrics.')) return m.get(col.slice(8))?.value ?? null;
  if (col.startsWith('labels.')) return m.get(col.slice(7))?.label ?? null;
  const trait = c.traits?.[col.slice(7)];
  return trait === undefined || trait === null || typeof trait === 'object' ? null : (trait as Cell);
}
