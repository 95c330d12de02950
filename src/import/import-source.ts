import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';

/** One record of an import file: its 1-based line (row) number, and its fields or why it could not be read. */
export type SourceRecord = { row: number; fields: Record<string, unknown> } | { row: number; error: string };

export type FileFormat = 'csv' | 'ndjson';

/** The format of a file by its extension: .csv, .ndjson or .jsonl, each optionally .gz. */
export function formatOf(file: string): FileFormat {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  throw new Error(`${file}: unknown format; name it .csv, .ndjson or .jsonl (optionally .gz)`);
}

/**
 * Streams the records of a CSV (header row naming the columns) or NDJSON (one JSON object per
 * line) file, gunzipped when its name ends in .gz, one at a time: memory stays constant whatever
 * the file's size. `onBytes` gets the bytes read so far, for a progress bar.
 */
export async function* readRecords(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<SourceRecord> {
  const raw = createReadStream(file);
  if (onBytes) raw.on('data', () => onBytes(raw.bytesRead));
  const input: Readable = file.toLowerCase().endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  if (formatOf(file) === 'csv') {
    // Row numbers count the header as row 1, as a spreadsheet shows them.
    const parser = input.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: false, info: true }));
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { row: info.lines, fields: record };
    }
    return;
  }
  let row = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    row += 1;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield { row, error: 'not valid JSON' };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) yield { row, error: 'must be a JSON object' };
    else yield { row, fields: value as Record<string, unknown> };
  }
}
