import pino, { type Logger } from 'pino';

/**
 * A log destination for the server under test: the server logs one line per GraphQL operation
 * with its request id and SQL statement count (as in production, at level info); this keeps the
 * count of the requests the bench tagged with a request id starting with `bench-count-`, and
 * drops every other line.
 */
export class StatementCountSink {
  private readonly counts = new Map<string, number>();
  readonly logger: Logger;

  constructor() {
    this.logger = pino({ level: 'info' }, { write: (line: string) => this.write(line) });
  }

  private write(line: string): void {
    if (!line.includes('"bench-count-')) return;
    const entry = JSON.parse(line) as { requestId?: string; sqlStatements?: number };
    if (entry.requestId && typeof entry.sqlStatements === 'number') this.counts.set(entry.requestId, entry.sqlStatements);
  }

  /** The statements of a tagged request, once its response was sent. */
  statementsOf(requestId: string): number | undefined {
    return this.counts.get(requestId);
  }
}
