import { customerFilter, query } from '../api';
import type { View } from '../panel';

const Q = `query RfmSegments($filter: CustomerFilter) {
  customerStats(filter: $filter, groupBy: [RFM_SEGMENT], measures: [COUNT, REVENUE]) { rfmSegment count revenue }
}`;

/** The named RFM segments' sizes, with each one's average revenue. */
export const rfmView: View = {
  id: 'rfm',
  title: 'RFM',
  async load(key, filter) {
    const d = await query<{ customerStats: { rfmSegment: string | null; count: number; revenue: number }[] }>(key, Q, { filter: customerFilter(filter) });
    const rows = d.customerStats
      .map((r) => [r.rfmSegment ?? '(not scored)', r.count, r.count ? Math.round((r.revenue / r.count) * 100) / 100 : null] as [string, number, number | null])
      .sort((a, b) => b[1] - a[1]);
    return [{
      id: 'segments', title: 'RFM segments', note: 'Customers in each named RFM segment of the served model; "(not scored)": no segment served (no purchase yet, or outside the model).',
      columns: ['segment', 'customers', 'average revenue'], rows,
      chart: {
        tooltip: {}, grid: { left: 140, right: 30 },
        yAxis: { type: 'category', data: rows.map((r) => r[0]), inverse: true }, xAxis: { type: 'value', name: 'customers' },
        series: [{ name: 'customers', type: 'bar', data: rows.map((r) => r[1]), label: { show: true, position: 'right' } }],
      },
      marks: rows.length,
      height: 100 + 26 * rows.length,
    }];
  },
};
