import { z } from 'zod';

// Building blocks shared by every input schema, so the same field is judged the same way everywhere.

/** Printable text of at most `max` characters, trimmed; control characters rejected. */
export const boundedText = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), 'must not contain control characters');

export const externalId = boundedText(191).pipe(z.string().min(1, 'must not be empty'));

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter upper-case ISO 4217 code such as USD');

export const finiteNumber = (min: number, max: number) =>
  z.number().refine(Number.isFinite, 'must be a finite number').pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/**
 * The largest amount, margin or cost one item may carry (10^12 in absolute value). Per-customer
 * sums are stored in columns that hold any number of such amounts (see the MoneySumWidth migration).
 */
export const MONEY_MAX = 1e12;

/** The earliest date any input may carry: older ones are typos (year 0 read back as 2000 on MariaDB). */
export const EARLIEST_DATE = '1900-01-01';
const EARLIEST_MS = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);

/** A timestamp from 1900-01-01T00:00:00Z up to now plus the allowed clock skew. */
export const pastTimestamp = (now: Date, skewMs: number) =>
  z.date().refine((d) => !Number.isNaN(d.getTime()), { message: 'must be a valid ISO 8601 timestamp', abort: true })
    .refine((d) => d.getTime() >= EARLIEST_MS, `must not be before ${EARLIEST_DATE}`)
    .refine((d) => d.getTime() <= now.getTime() + skewMs, `must not be in the future (allowed clock skew ${Math.round(skewMs / 1000)} s)`);

/** A calendar date as YYYY-MM-DD, from 1900-01-01 up to today (UTC): a birth date. */
export const pastCalendarDate = (now: Date) =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD', abort: true })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: 'is not a real calendar date', abort: true })
    .refine((s) => s >= EARLIEST_DATE, `must not be before ${EARLIEST_DATE}`)
    .refine((s) => Date.parse(`${s}T00:00:00Z`) <= now.getTime(), 'must not be in the future');

/** How deep JSON may nest: deep enough for any attribute, shallow enough for every parser and index. */
export const JSON_DEPTH_MAX = 8;

/** Whether a JSON value nests deeper than `max` levels; iterative, so a hostile value cannot overflow the stack. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A JSON object at most `JSON_DEPTH_MAX` levels deep whose serialised form stays under `maxBytes`. */
export const boundedJsonObject = (maxBytes: number) =>
  z.record(z.string(), z.unknown())
    // Aborts, so the size check below never serialises a hostile depth.
    .refine((o) => !nestsDeeperThan(o, JSON_DEPTH_MAX), { message: `must not nest deeper than ${JSON_DEPTH_MAX} levels`, abort: true })
    .refine((o) => Buffer.byteLength(JSON.stringify(o)) <= maxBytes, `must serialise to at most ${maxBytes} bytes of JSON`);
