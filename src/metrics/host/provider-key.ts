import type { FittedModel, MetricProvider } from '../../plugin-api/plugin.contract';

/** How a provider's fitted model is named inside its run's params: its kind, or "metrics:<keys>". */
export function providerKey(p: MetricProvider<unknown>): string {
  return p.kind === 'metrics' ? `metrics:${(p.metricKeys ?? []).join(',')}` : p.kind;
}

/** Every kind and free-metric key a plugin's run produces. */
export function producedKeys(providers: MetricProvider<unknown>[]): string[] {
  return providers.flatMap((p) => (p.kind === 'metrics' ? p.metricKeys ?? [] : [p.kind]));
}

/** A run's `params`: the model itself for a one-provider plugin, otherwise the models by provider key. */
export function runParams(providers: MetricProvider<unknown>[], models: Map<string, FittedModel>): FittedModel | null {
  return providers.length === 1 ? models.get(providerKey(providers[0])) ?? null : Object.fromEntries(models);
}

/** The model a provider fitted, read back from its run's `params` (the inverse of runParams). */
export function modelFromParams(providers: MetricProvider<unknown>[], provider: MetricProvider<unknown>, params: FittedModel | null): FittedModel {
  const model = providers.length === 1 ? params : params?.[providerKey(provider)];
  return (model ?? {}) as FittedModel;
}
