import type { EChartsCoreOption } from 'echarts/core';
import { customerFilter, query } from '../api';
import type { Cell, View } from '../panel';

const Q = `query RfmSegments($filter: CustomerFilter) {
  segments: customerStats(filter: $filter, groupBy: [RFM_SEGMENT], measures: [COUNT, REVENUE]) { rfmSegment count revenue }
  grid: customerStats(filter: $filter, groupBy: [RFM_R, RFM_F], measures: [COUNT, REVENUE]) { rfmR rfmF count revenue }
}`;

interface Data {
  segments: { rfmSegment: string | null; count: number; revenue: number }[];
  grid: { rfmR: number | null; rfmF: number | null; count: number; revenue: number }[];
}

const average = (revenue: number, count: number) => (count ? Math.round((revenue / count) * 100) / 100 : null);

/** An R (rows, best on top) x F (columns) heatmap of one figure per cell, printed in the cell. */
function gridChart(cells: { r: number; f: number; v: number | null }[], name: string): EChartsCoreOption {
  const rs = Math.max(...cells.map((c) => c.r));
  const fs = Math.max(...cells.map((c) => c.f));
  const values = cells.map((c) => c.v ?? 0);
  return {
    // The value is printed in every cell: no pattern drawn over it.
    aria: { enabled: true, decal: { show: false } },
    tooltip: {}, grid: { left: 70, right: 20, bottom: 90 },
    xAxis: { type: 'category', name: 'F (frequency)', nameLocation: 'middle', nameGap: 25, data: Array.from({ length: fs }, (_, i) => String(i + 1)) },
    yAxis: { type: 'category', name: 'R (recency)', data: Array.from({ length: rs }, (_, i) => String(i + 1)) },
    visualMap: { min: Math.min(...values), max: Math.max(...values), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f7fbff', '#08306b'] } },
    series: [{ name, type: 'heatmap', data: cells.map((c) => [c.f - 1, c.r - 1, c.v]), label: { show: true } }],
  };
}

/** The R x F grid by customers and by average revenue, and the named RFM segments' sizes. */
export const rfmView: View = {
  id: 'rfm',
  title: 'RFM',
  async load(key, filter) {
    const d = await query<Data>(key, Q, { filter: customerFilter(filter) });
    const rows = d.segments
      .map((r) => [r.rfmSegment ?? '(not scored)', r.count, average(r.revenue, r.count)] as [string, number, number | null])
      .sort((a, b) => b[1] - a[1]);
    const scored = d.grid.filter((c) => c.rfmR !== null && c.rfmF !== null).map((c) => ({ r: c.rfmR!, f: c.rfmF!, count: c.count, avg: average(c.revenue, c.count) }));
    const gridRows: Cell[][] = scored.map((c) => [c.r, c.f, c.count, c.avg]);
    const gridColumns = ['R', 'F', 'customers', 'average revenue'];
    return [
      {
        id: 'grid', title: 'R x F grid: customers', note: 'Customers per recency (R, 5 = bought most recently) and frequency (F, 5 = buys most often) score of the served model.',
        columns: gridColumns, rows: gridRows,
        chart: scored.length ? gridChart(scored.map((c) => ({ r: c.r, f: c.f, v: c.count })), 'customers') : null,
        marks: scored.length, height: 380,
      },
      {
        id: 'grid-revenue', title: 'R x F grid: average revenue', note: 'The average revenue to date (net, base currency) of the customers in each cell.',
        columns: gridColumns, rows: gridRows,
        chart: scored.length ? gridChart(scored.map((c) => ({ r: c.r, f: c.f, v: c.avg })), 'average revenue') : null,
        marks: scored.length, height: 380,
      },
      {
        id: 'segments', title: 'RFM segments', note: 'Customers in each named RFM segment of the served model; "(not scored)": no segment served (no purchase yet, or outside the model).',
        columns: ['segment', 'customers', 'average revenue'], rows,
        chart: {
          tooltip: {}, grid: { left: 140, right: 30 },
          yAxis: { type: 'category', data: rows.map((r) => r[0]), inverse: true }, xAxis: { type: 'value', name: 'customers' },
          series: [{ name: 'customers', type: 'bar', data: rows.map((r) => r[1]), label: { show: true, position: 'right' } }],
        },
        marks: rows.length,
        height: 100 + 26 * rows.length,
      },
    ];
  },
};
