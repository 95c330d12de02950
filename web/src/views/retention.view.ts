import { customerFilter, query } from '../api';
import type { Panel, View } from '../panel';
import { survivalPanel } from './survival';

const Q = `query Retention($filter: CustomerFilter, $g: Granularity!) {
  cohortRetention(filter: $filter, granularity: $g, periods: 12) { cohort period cohortSize active share revenue }
}`;

interface Row { cohort: string; period: number; cohortSize: number; active: number; share: number; revenue: number }

/** The cohort triangle: the share of each acquisition cohort still active in each later period. */
export const retentionView: View = {
  id: 'retention',
  title: 'Retention',
  async load(key, filter) {
    const [d, survival] = await Promise.all([
      query<{ cohortRetention: Row[] }>(key, Q, { filter: customerFilter(filter), g: filter.granularity }),
      survivalPanel(key),
    ]);
    const rows = d.cohortRetention;
    const cohorts = [...new Set(rows.map((r) => r.cohort))];
    const periods = Math.max(0, ...rows.map((r) => r.period + 1));
    const triangle: Panel = {
      id: 'triangle', title: 'Cohort retention',
      note: 'Each cell: the share of the cohort active that many periods after its acquisition (buying, or under contract), printed in the cell.',
      columns: ['cohort', 'period', 'cohort size', 'active', 'share', 'revenue'],
      rows: rows.map((r) => [r.cohort, r.period, r.cohortSize, r.active, Math.round(r.share * 10000) / 10000, Math.round(r.revenue * 100) / 100]),
      chart: {
        // The share is printed in every cell: no pattern drawn over it.
        aria: { enabled: true, decal: { show: false } },
        tooltip: {}, grid: { left: 90, right: 20, bottom: 70 },
        xAxis: { type: 'category', name: 'period', data: Array.from({ length: periods }, (_, i) => String(i)) },
        yAxis: { type: 'category', data: cohorts, inverse: true },
        visualMap: { min: 0, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f7fbff', '#08306b'] } },
        series: [{
          name: 'share active', type: 'heatmap',
          data: rows.map((r) => [r.period, cohorts.indexOf(r.cohort), Math.round(r.share * 1000) / 1000]),
          label: { show: true, formatter: (p: { value: number[] }) => `${Math.round(p.value[2] * 100)}%`, fontSize: 9 },
        }],
      },
      marks: rows.length,
      height: 120 + 24 * cohorts.length,
    };
    return survival ? [triangle, survival] : [triangle];
  },
};
