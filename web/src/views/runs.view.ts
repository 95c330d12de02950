import { query } from '../api';
import type { View } from '../panel';

const Q = `query Runs {
  plugins { name selected status lastRun { id status error } servedRun { id asOf } }
  modelRuns(first: 100) { id plugin version status startedAt durationMs customersScored customersFailed error params }
}`;

interface Plugin { name: string; selected: string[]; status: string; lastRun: { id: string; status: string; error: string | null } | null; servedRun: { id: string; asOf: string } | null }
interface Run { id: string; plugin: string; version: string; status: string; startedAt: string; durationMs: number | null; customersScored: number; customersFailed: number; error: string | null; params: Record<string, unknown> | null }

/** Which plugins serve values (and which failed), then what ran when, how long, with which parameters (the filter does not apply: runs fit everyone). */
export const runsView: View = {
  id: 'runs',
  title: 'Model runs',
  async load(key) {
    const { plugins, modelRuns: runs } = await query<{ plugins: Plugin[]; modelRuns: Run[] }>(key, Q);
    return [
      {
        id: 'plugins', title: 'Plugins', note: 'SERVING: values served; STALE: the latest run failed, an earlier one is served; FAILED: nothing served, see the error.',
        columns: ['plugin', 'selected for', 'status', 'served run', 'as of', 'latest run', 'latest status', 'error'],
        rows: plugins.map((p) => [p.name, p.selected.join(' '), p.status, p.servedRun?.id ?? null, p.servedRun?.asOf ?? null, p.lastRun?.id ?? null, p.lastRun?.status ?? null, p.lastRun?.error ?? null]),
        chart: null, marks: 0,
      },
      {
        id: 'runs', title: 'Model runs', note: 'The latest 100 runs, newest first; a bar per run with its duration.',
        columns: ['id', 'plugin', 'version', 'status', 'started', 'seconds', 'scored', 'failed', 'error', 'parameters'],
        rows: runs.map((r) => [r.id, r.plugin, r.version, r.status, r.startedAt, r.durationMs === null ? null : r.durationMs / 1000, r.customersScored, r.customersFailed, r.error, r.params ? JSON.stringify(r.params) : null]),
        chart: {
          tooltip: {}, grid: { left: 160, right: 30 },
          yAxis: { type: 'category', inverse: true, data: runs.map((r) => `${r.plugin} #${r.id} ${r.status}`) },
          xAxis: { type: 'value', name: 'seconds' },
          series: [{ name: 'duration', type: 'bar', data: runs.map((r) => (r.durationMs ?? 0) / 1000) }],
        },
        marks: runs.length,
        height: 100 + 22 * runs.length,
      },
    ];
  },
};
