import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { RowProblem } from './import-result';

/** The rejected rows of an import, in the input's format, each with why. */
export class RejectsWriter {
  private readonly out: WriteStream;
  private header: string[] | undefined;

  constructor(file: string, private readonly csv: boolean) {
    this.out = createWriteStream(file);
  }

  async write(p: RowProblem, fields: Record<string, unknown> = {}): Promise<void> {
    const why = `row ${p.row}${p.field ? `, ${p.field}` : ''}: ${p.message}`;
    let text: string;
    if (this.csv) {
      const head = !this.header;
      this.header ??= [...Object.keys(fields), 'error'];
      text = stringify([...(head ? [this.header] : []), this.header.map((c) => (c === 'error' ? why : fields[c] ?? ''))]);
    } else {
      text = `${JSON.stringify({ ...fields, _row: p.row, _error: why })}\n`;
    }
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}
