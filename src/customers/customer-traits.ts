/** Text form of a trait value as stored in `customer_trait.value` and compared by trait filters. */
export function traitText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A plain decimal number as JSON writes it; the RuleSegments migration applies the same test in SQL. */
const NUMBER_TEXT = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;

/** The number a trait's text reads as (`"1200"` and `1200` alike), for numeric rule comparisons; null otherwise. */
export function traitNumber(text: string): number | null {
  if (!NUMBER_TEXT.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** The top-level scalar traits that are indexed for filtering; objects, arrays and nulls are not. */
export function indexableTraits(traits: Record<string, unknown> | null | undefined): { key: string; value: string; numberValue: number | null }[] {
  if (!traits) return [];
  return Object.entries(traits)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(([key, v]) => ({ key, value: traitText(v) }))
    .filter((t) => t.key.length <= 100 && t.value.length <= 191)
    .map((t) => ({ ...t, numberValue: traitNumber(t.value) }));
}
