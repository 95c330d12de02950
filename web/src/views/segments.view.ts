import { query } from '../api';
import type { Cell, View } from '../panel';

/** Entries and exits are counted over this many days. */
const MOVES_DAYS = 30;

const Q = `query Segments($since: DateTimeISO!) {
  segments { key name kind size history(last: 50) { recordedAt size } changeCounts(since: $since) { entered left } }
  metricHistory(key: "rfm", last: 20) { asOf labels { label count } }
}`;

interface Data {
  segments: { key: string; name: string; kind: string; size: number; history: { recordedAt: string; size: number }[]; changeCounts: { entered: number; left: number } }[];
  metricHistory: { asOf: string; labels: { label: string; count: number }[] }[];
}

/** Segment sizes now and over time (each refresh records them), and the RFM segments over refreshes. */
export const segmentsView: View = {
  id: 'segments',
  title: 'Segments',
  async load(key, filter) {
    const d = await query<Data>(key, Q, { since: new Date(Date.now() - MOVES_DAYS * 86_400_000).toISOString() });
    // The segment filter narrows the history to that segment.
    const shown = filter.segment ? d.segments.filter((s) => s.key === filter.segment) : d.segments;
    const points = shown.flatMap((s) => s.history.map((h) => [s.key, h.recordedAt, h.size] as Cell[]));
    const labels = [...new Set(d.metricHistory.flatMap((r) => r.labels.map((l) => l.label)))];
    const runs = d.metricHistory.map((r) => r.asOf.slice(0, 16).replace('T', ' '));
    const rfmRows = d.metricHistory.flatMap((r) => r.labels.map((l) => [r.asOf, l.label, l.count] as Cell[]));
    return [
      {
        id: 'sizes', title: 'Segment sizes', note: 'Members of every segment now.',
        columns: ['segment', 'kind', 'members'],
        rows: d.segments.map((s) => [s.key, s.kind, s.size]),
        chart: {
          tooltip: {}, grid: { left: 170, right: 40 },
          yAxis: { type: 'category', inverse: true, data: d.segments.map((s) => s.name) }, xAxis: { type: 'value', name: 'members' },
          series: [{ name: 'members', type: 'bar', data: d.segments.map((s) => s.size), label: { show: true, position: 'right' } }],
        },
        marks: d.segments.length,
        height: 100 + 24 * d.segments.length,
      },
      {
        id: 'moves', title: `Entered and left in the last ${MOVES_DAYS} days`, note: 'Customers who entered (right) and left (left) each segment.',
        columns: ['segment', 'entered', 'left'],
        rows: d.segments.map((s) => [s.key, s.changeCounts.entered, s.changeCounts.left]),
        chart: {
          tooltip: {}, legend: {}, grid: { left: 170, right: 40 },
          yAxis: { type: 'category', inverse: true, data: d.segments.map((s) => s.name) }, xAxis: { type: 'value', name: 'customers' },
          series: [
            { name: 'entered', type: 'bar', stack: 'moves', data: d.segments.map((s) => s.changeCounts.entered) },
            { name: 'left', type: 'bar', stack: 'moves', data: d.segments.map((s) => -s.changeCounts.left) },
          ],
        },
        marks: 2 * d.segments.length,
        height: 100 + 24 * d.segments.length,
      },
      {
        id: 'history', title: 'Sizes over time', note: 'The size each segment had after each metric refresh and each change of its rule.',
        columns: ['segment', 'recorded at', 'members'],
        rows: points,
        chart: {
          tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, grid: { left: 60, right: 20 },
          xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'members' },
          series: shown.map((s) => ({ name: s.name, type: 'line', data: s.history.map((h) => [h.recordedAt, h.size]) })),
        },
        marks: points.length,
      },
      {
        id: 'rfm-history', title: 'RFM segments over refreshes', note: 'Customers in each RFM segment at each refresh of the served model (its recorded distribution).',
        columns: ['as of', 'segment', 'customers'],
        rows: rfmRows,
        chart: {
          tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, grid: { left: 60, right: 20 },
          xAxis: { type: 'category', data: runs }, yAxis: { type: 'value', name: 'customers' },
          series: labels.map((label) => ({
            name: label, type: 'bar', stack: 'rfm',
            data: d.metricHistory.map((r) => r.labels.find((l) => l.label === label)?.count ?? 0),
          })),
        },
        // A bar per segment and refresh (0 where a refresh had none of it).
        marks: labels.length * runs.length,
      },
    ];
  },
};
