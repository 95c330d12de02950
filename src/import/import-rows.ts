/** What an import file holds: one kind of record per file. */
export type ImportKind = 'customers' | 'interactions' | 'relationships';

/** Columns whose CSV text is converted before validation; every other column stays text. */
const NUMBERS: Record<ImportKind, ReadonlySet<string>> = {
  customers: new Set(['acquisitionCost']),
  interactions: new Set(['amount', 'margin', 'expectationScore', 'perceptionScore']),
  relationships: new Set(),
};
const TIMES: Record<ImportKind, ReadonlySet<string>> = {
  customers: new Set(['acquiredAt', 'contractStartedAt', 'contractEndedAt']),
  interactions: new Set(['occurredAt']),
  relationships: new Set(),
};
const JSON_OBJECTS = new Set(['traits', 'metadata', 'consent']);

/** A problem with a row before validation: which column, what is wrong. */
export class RowError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/**
 * A record of a file as the GraphQL input of its kind: the same field names, and the same values
 * once CSV text is typed (numbers, ISO-8601 times, `true`/`false` for `consent.email`..., JSON for
 * `traits` and `metadata`, `traits.<key>` columns for single traits). An empty CSV cell is an
 * omitted field (the stored value is kept); NDJSON values are taken as they are, times as ISO text.
 */
export function toInput(kind: ImportKind, fields: Record<string, unknown>, csv: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(fields)) {
    if (csv && value === '') continue;
    if (!csv) {
      out[column] = TIMES[kind].has(column) && typeof value === 'string' ? parseTime(column, value) : value;
      continue;
    }
    const text = String(value);
    const dot = column.indexOf('.');
    if (kind === 'customers' && dot > 0 && (column.startsWith('traits.') || column.startsWith('consent.'))) {
      const [group, key] = [column.slice(0, dot), column.slice(dot + 1)];
      const holder = (out[group] ??= {}) as Record<string, unknown>;
      holder[key] = group === 'consent' ? parseBoolean(column, text) : text;
    } else if (NUMBERS[kind].has(column)) {
      const n = Number(text.trim());
      if (!text.trim() || Number.isNaN(n)) throw new RowError(column, `"${text}" is not a number`);
      out[column] = n;
    } else if (TIMES[kind].has(column)) {
      out[column] = parseTime(column, text);
    } else if (JSON_OBJECTS.has(column)) {
      try {
        out[column] = JSON.parse(text);
      } catch {
        throw new RowError(column, 'is not valid JSON');
      }
    } else {
      out[column] = text;
    }
  }
  return out;
}

function parseTime(column: string, text: string): Date {
  const d = new Date(text.trim());
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim()) || Number.isNaN(d.getTime())) throw new RowError(column, `"${text}" is not an ISO-8601 time such as 2026-03-02T10:15:00Z`);
  return d;
}

function parseBoolean(column: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(t)) return true;
  if (['false', '0', 'no'].includes(t)) return false;
  throw new RowError(column, `"${text}" is not true or false`);
}
