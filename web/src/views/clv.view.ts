import { customerFilter, query } from '../api';
import type { View } from '../panel';
import { BIN_COLUMNS, binRows, HISTOGRAM_FIELDS, type Histogram, histogramChart } from './histogram';

const Q = `query Clv($filter: CustomerFilter) {
  metricHistogram(key: "clv", filter: $filter, bins: 20, scale: LOG) { ${HISTOGRAM_FIELDS} }
  customerStats(filter: $filter, groupBy: [VALUE_TIER], measures: [COUNT, TOTAL_CLV, AVERAGE_CLV]) { valueTier count totalClv averageClv }
}`;

interface Data {
  metricHistogram: Histogram;
  customerStats: { valueTier: string | null; count: number; totalClv: number | null; averageClv: number | null }[];
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/** The served CLV: its distribution on a log scale, how concentrated value is, and the value tiers. */
export const clvView: View = {
  id: 'clv',
  title: 'CLV',
  async load(key, filter) {
    const d = await query<Data>(key, Q, { filter: customerFilter(filter) });
    const h = d.metricHistogram;
    const tiers = d.customerStats.map((r) => [r.valueTier ?? '(no tier)', r.count, round(r.totalClv), round(r.averageClv)] as [string, number, number | null, number | null]);
    return [
      {
        id: 'distribution', title: 'CLV distribution',
        note: `Customers per CLV range, ranges of equal width on a log scale; ${h.valued} of ${h.customers} customers have a CLV${h.nonPositive ? `, ${h.nonPositive} of them 0 or less (not shown)` : ''}.`,
        columns: BIN_COLUMNS, rows: binRows(h), chart: histogramChart(h, 'CLV (log scale)'), marks: h.bins.length,
      },
      {
        id: 'concentration', title: 'Share of value', note: 'The share of the total CLV held by the top 10% and the top 1% of customers by CLV.',
        columns: ['customers with a CLV', 'total CLV', 'top 10% share (%)', 'top 1% share (%)'],
        rows: [[h.valued, round(h.total), pct(h.topDecileShare), pct(h.topPercentileShare)]],
        chart: h.topDecileShare === null ? null : {
          tooltip: {}, grid: { left: 120, right: 40 }, xAxis: { type: 'value', max: 100, name: '% of total CLV' },
          yAxis: { type: 'category', inverse: true, data: ['top 10%', 'top 1%'] },
          series: [{ name: 'share', type: 'bar', data: [pct(h.topDecileShare), pct(h.topPercentileShare)], label: { show: true, position: 'right', formatter: '{c}%' } }],
        },
        marks: h.topDecileShare === null ? 0 : 2,
        height: 200,
      },
      {
        id: 'tiers', title: 'By value tier', note: 'Customers and their total CLV in each value tier (MVC, MGC, BZ) of the served value-tier model.',
        columns: ['tier', 'customers', 'total CLV', 'average CLV'], rows: tiers,
        chart: {
          tooltip: {}, grid: { left: 100, right: 40 }, xAxis: { type: 'value', name: 'total CLV' },
          yAxis: { type: 'category', inverse: true, data: tiers.map((t) => t[0]) },
          series: [{ name: 'total CLV', type: 'bar', data: tiers.map((t) => t[2] ?? 0), label: { show: true, position: 'right' } }],
        },
        marks: tiers.length,
        height: 100 + 30 * tiers.length,
      },
    ];
  },
};
