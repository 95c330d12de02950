import { query } from '../api';
import type { View } from '../panel';

const Q = `query Runs { modelRuns(first: 100) { id plugin version status startedAt durationMs customersScored customersFailed error } }`;

interface Run { id: string; plugin: string; version: string; status: string; startedAt: string; durationMs: number | null; customersScored: number; customersFailed: number; error: string | null }

/** What ran when, how long, and what failed (the population filter does not apply: runs fit everyone). */
export const runsView: View = {
  id: 'runs',
  title: 'Model runs',
  async load(key) {
    const runs = (await query<{ modelRuns: Run[] }>(key, Q)).modelRuns;
    return [{
      id: 'runs', title: 'Model runs', note: 'The latest 100 runs, newest first; a bar per run with its duration.',
      columns: ['id', 'plugin', 'version', 'status', 'started', 'seconds', 'scored', 'failed', 'error'],
      rows: runs.map((r) => [r.id, r.plugin, r.version, r.status, r.startedAt, r.durationMs === null ? null : r.durationMs / 1000, r.customersScored, r.customersFailed, r.error]),
      chart: {
        tooltip: {}, grid: { left: 160, right: 30 },
        yAxis: { type: 'category', inverse: true, data: runs.map((r) => `${r.plugin} #${r.id} ${r.status}`) },
        xAxis: { type: 'value', name: 'seconds' },
        series: [{ name: 'duration', type: 'bar', data: runs.map((r) => (r.durationMs ?? 0) / 1000) }],
      },
      marks: runs.length,
      height: 100 + 22 * runs.length,
    }];
  },
};
