import type { MetricProvider, MetricSubject } from '../../plugin-api/plugin.contract';

/** Whether a provider is valid for this customer (its declared `relationships`; all when it declares none). */
export function appliesTo(provider: MetricProvider<unknown>, subject: MetricSubject): boolean {
  return !provider.relationships || provider.relationships.includes(subject.customer.relationship);
}

/** The subjects of a batch that a provider fits and scores. */
export function subjectsFor(provider: MetricProvider<unknown>, batch: MetricSubject[]): MetricSubject[] {
  return provider.relationships ? batch.filter((s) => appliesTo(provider, s)) : batch;
}

/** The population stream as one provider sees it: its customers only, empty batches skipped. */
export async function* streamFor(provider: MetricProvider<unknown>, stream: AsyncIterable<MetricSubject[]>): AsyncGenerator<MetricSubject[]> {
  for await (const batch of stream) {
    const mine = subjectsFor(provider, batch);
    if (mine.length) yield mine;
  }
}
