import type { MetricProvider } from './plugin.contract';

/** How a provider's fitted model is named inside its run's params: its kind, or "metrics:<keys>". */
export function providerKey(p: MetricProvider<unknown>): string {
  return p.kind === 'metrics' ? `metrics:${(p.metricKeys ?? []).join(',')}` : p.kind;
}

/** Every kind and free-metric key a plugin's run produces. */
export function producedKeys(providers: MetricProvider<unknown>[]): string[] {
  return providers.flatMap((p) => (p.kind === 'metrics' ? p.metricKeys ?? [] : [p.kind]));
}
