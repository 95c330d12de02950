import { badInput } from './errors';

export type SortValue = string | number | null;

/**
 * Opaque keyset cursor: the sort key it belongs to, the row's sort value and its id.
 * Base64url JSON, so it survives URLs; its shape is not part of the contract.
 */
export function encodeCursor(sortKey: string, value: SortValue, id: number): string {
  return Buffer.from(JSON.stringify([sortKey, value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, sortKey: string): { value: SortValue; id: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[0] !== 'string' ||
    !['string', 'number'].includes(typeof parsed[1]) && parsed[1] !== null || !Number.isInteger(parsed[2])
  ) {
    throw badInput('is not a cursor returned by this API', { field: 'after' }, 'args');
  }
  if (parsed[0] !== sortKey) {
    throw badInput(`belongs to ordering ${parsed[0]}, not ${sortKey}; restart without a cursor`, { field: 'after' }, 'args');
  }
  return { value: parsed[1] as SortValue, id: parsed[2] as number };
}
