import { createHash } from 'node:crypto';

/** A stable hash of a record's content: keys sorted, dates as ISO strings. */
export function fingerprint(content: Record<string, unknown>): string {
  const canonical = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
    }
    return v ?? null;
  };
  return createHash('sha256').update(JSON.stringify(canonical(content))).digest('hex');
}
