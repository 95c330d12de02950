/** Progress lines while the bench runs, and the final table of figures. */
export class Report {
  private readonly rows: { name: string; figure: string; ratio: string }[] = [];

  /** Prints one line now: a label padded to a column, and its value. */
  line(label: string, value: string): void {
    process.stdout.write(`${label.padEnd(58)} ${value}\n`);
  }

  /** Adds a row to the final table. */
  row(name: string, figure: string, ratio = ''): void {
    this.rows.push({ name, figure, ratio });
  }

  /** The rows as a markdown table (name | seconds or figure | ratio to floor). */
  markdown(): string {
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    return ['| what | seconds or figure | ratio to floor |', '|---|---|---|', ...this.rows.map((r) => `| ${esc(r.name)} | ${esc(r.figure)} | ${esc(r.ratio)} |`)].join('\n');
  }
}

/** A time in seconds for the table. */
export function secs(s: number): string {
  return s >= 100 ? `${s.toFixed(0)} s` : s >= 10 ? `${s.toFixed(1)} s` : `${s.toFixed(2)} s`;
}

/** A duration as a multiple of the floor. */
export function ratio(seconds: number, floorSeconds: number): string {
  const r = seconds / floorSeconds;
  return r >= 100 ? `${Math.round(r)}x` : `${r.toFixed(r >= 10 ? 0 : 1)}x`;
}
