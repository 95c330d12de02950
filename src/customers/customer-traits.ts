/** Text form of a trait value as stored in `customer_trait.value` and compared by trait filters. */
export function traitText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The top-level scalar traits that are indexed for filtering; objects, arrays and nulls are not. */
export function indexableTraits(traits: Record<string, unknown> | null | undefined): { key: string; value: string }[] {
  if (!traits) return [];
  return Object.entries(traits)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(([key, v]) => ({ key, value: traitText(v) }))
    .filter((t) => t.key.length <= 100 && t.value.length <= 191);
}
