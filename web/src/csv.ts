import type { Cell } from './panel';

const quoted = (c: Cell) => {
  const s = c === null ? '' : String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV of a header and rows. */
export function toCsv(columns: string[], rows: Cell[][]): string {
  return [columns, ...rows].map((r) => r.map(quoted).join(',')).join('\r\n') + '\r\n';
}
