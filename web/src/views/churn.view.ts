import { customerFilter, query } from '../api';
import type { View } from '../panel';
import { BIN_COLUMNS, binRows, HISTOGRAM_FIELDS, type Histogram, histogramChart } from './histogram';

/** Customers at risk: a served churn probability of at least this. */
const AT_RISK = 0.5;

const Q = `query Churn($filter: CustomerFilter, $atRisk: CustomerFilter) {
  metricHistogram(key: "churn", filter: $filter, bins: 10, scale: LINEAR) { ${HISTOGRAM_FIELDS} }
  atRisk: customerStats(filter: $atRisk, measures: [COUNT, REVENUE, TOTAL_CLV]) { count revenue totalClv }
}`;

interface Data {
  metricHistogram: Histogram;
  atRisk: { count: number; revenue: number | null; totalClv: number | null }[];
}

/** The served churn probability (1 - P(alive) for BTYD models): its distribution and the revenue at risk. */
export const churnView: View = {
  id: 'churn',
  title: 'Churn',
  async load(key, filter) {
    const base = customerFilter(filter);
    const d = await query<Data>(key, Q, { filter: base, atRisk: { ...base, metrics: [{ key: 'churn', min: AT_RISK }] } });
    const h = d.metricHistogram;
    const risk = d.atRisk[0] ?? { count: 0, revenue: 0, totalClv: 0 };
    return [
      {
        id: 'distribution', title: 'Churn probability',
        note: `Customers per range of churn probability; ${h.valued} of ${h.customers} customers have one.`,
        columns: BIN_COLUMNS, rows: binRows(h), chart: histogramChart(h, 'churn probability'), marks: h.bins.length,
      },
      {
        id: 'at-risk', title: 'At risk', note: `Customers with a churn probability of ${AT_RISK} or more: their revenue to date and their CLV.`,
        columns: ['customers', 'share of those scored (%)', 'revenue to date', 'total CLV'],
        rows: [[risk.count, h.valued ? Math.round((risk.count / h.valued) * 1000) / 10 : null, Math.round((risk.revenue ?? 0) * 100) / 100, Math.round((risk.totalClv ?? 0) * 100) / 100]],
        chart: null, marks: 0,
      },
    ];
  },
};
