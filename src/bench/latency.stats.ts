/** Percentiles of a sample (nearest rank), for latencies in ms. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** How many took longer than 100 ms (the /healthz target). */
  over100: number;
}

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  return {
    count: values.length, p50: percentile(values, 0.5), p99: percentile(values, 0.99), max: percentile(values, 1), over100: values.filter((v) => v > 100).length,
  };
}

/** "p50 1.2 ms, p99 40.0 ms, max 120.0 ms, 3 of 9,000 over 100 ms": a probe's latencies on one line. */
export function describeProbe(h: LatencySummary): string {
  return `p50 ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms, max ${h.max.toFixed(1)} ms, ${h.over100} of ${h.count.toLocaleString('en-US')} over 100 ms`;
}

/** The time of a call in ms. */
export async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t };
}
