import type { MetricsRuntime } from '../metrics/host/metrics-runtime';
import type { ModelRun } from '../metrics/store/model-run.entity';
import { raceTimeout } from './timeout.race';

export interface RefreshOutcome {
  /** False when the timer won: the refresh goes on in this process. */
  finished: boolean;
  seconds: number;
  runs: ModelRun[];
  /** The refresh threw (not a FAILED run: those are in runs). */
  error?: string;
}

/** One `runtime.refresh(names, asOf)` through the real runtime, raced against a timeout (0: none). */
export async function timeRefresh(runtime: MetricsRuntime, names: string[] | undefined, asOf: Date, timeoutMs: number): Promise<RefreshOutcome> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const raced = await raceTimeout(runtime.refresh(names, asOf), timeoutMs);
    return raced.finished ? { finished: true, seconds: seconds(), runs: raced.value } : { finished: false, seconds: seconds(), runs: [] };
  } catch (err) {
    return { finished: true, seconds: seconds(), runs: [], error: err instanceof Error ? err.message : String(err) };
  }
}

/** "14 SUCCEEDED" or "13 SUCCEEDED, 1 FAILED", and each failure with its error. */
export function describeRuns(runs: ModelRun[]): { status: string; failures: string[] } {
  const byStatus = new Map<string, number>();
  for (const r of runs) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  return {
    status: [...byStatus].map(([s, n]) => `${n} ${s}`).join(', ') || 'no runs',
    failures: runs.filter((r) => r.status === 'FAILED').map((r) => `${r.plugin}: ${r.error ?? '(no error recorded)'}`),
  };
}
