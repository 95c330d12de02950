import type { FittedModel, MetricProvider, MetricSubject } from './plugin.contract';
import { streamFor } from './provider-subjects';

type Fitted = { model: FittedModel; diagnostics?: Record<string, unknown> };

/**
 * Fits each provider of a plugin on a fresh population stream. Providers that share one `fit`
 * function and the same relationships (contract-sbg's clv and churn fit one sBG model) are
 * fitted once: the population is read once for them, not once per provider.
 */
export async function fitProviders<C>(
  providers: MetricProvider<C>[],
  stream: () => AsyncIterable<MetricSubject[]>,
  ctx: Parameters<NonNullable<MetricProvider<C>['fit']>>[1],
): Promise<Map<MetricProvider<C>, Fitted>> {
  const shared = new Map<string, Promise<Fitted>>();
  const fitIds = new Map<unknown, number>();
  const out = new Map<MetricProvider<C>, Fitted>();
  for (const p of providers) {
    if (!p.fit) {
      out.set(p, { model: {} });
      continue;
    }
    if (!fitIds.has(p.fit)) fitIds.set(p.fit, fitIds.size);
    const key = `${fitIds.get(p.fit)}|${p.relationships?.join(',') ?? '*'}`;
    const fit = p.fit;
    if (!shared.has(key)) shared.set(key, fit(streamFor(p as MetricProvider<unknown>, stream()), ctx));
    out.set(p, await shared.get(key)!);
  }
  return out;
}
