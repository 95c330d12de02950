import type { EChartsCoreOption } from 'echarts/core';

/** A metricHistogram as the API returns it. */
export interface Histogram {
  customers: number;
  valued: number;
  total: number | null;
  nonPositive: number;
  topDecileShare: number | null;
  topPercentileShare: number | null;
  bins: { from: number; to: number; customers: number; total: number }[];
}

export const HISTOGRAM_FIELDS = 'customers valued total nonPositive topDecileShare topPercentileShare bins { from to customers total }';

const short = (x: number) => (Math.abs(x) >= 1000 ? x.toExponential(1) : Number(x.toPrecision(3)).toString());

/** A bar per bin, labelled by its range. */
export function histogramChart(h: Histogram, axis: string): EChartsCoreOption {
  return {
    tooltip: {}, grid: { left: 60, right: 20, bottom: 60 },
    xAxis: { type: 'category', name: axis, nameLocation: 'middle', nameGap: 45, data: h.bins.map((b) => `${short(b.from)}-${short(b.to)}`), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', name: 'customers' },
    series: [{ name: 'customers', type: 'bar', data: h.bins.map((b) => b.customers) }],
  };
}

export const binRows = (h: Histogram) => h.bins.map((b) => [Number(b.from.toPrecision(6)), Number(b.to.toPrecision(6)), b.customers, Math.round(b.total * 100) / 100]);
export const BIN_COLUMNS = ['from', 'to', 'customers', 'total'];
