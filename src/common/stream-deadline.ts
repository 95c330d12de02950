/** Thrown by a stream read past its deadline. */
export class DeadlineExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`took longer than its limit of ${Math.round(limitMs / 1000)} s`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * A wall-clock limit for work that reads streams batch by batch: every wrapped stream throws
 * DeadlineExceeded at its next batch once the limit has passed, so the work stops within one batch;
 * work between batches (a fit on a worker thread) stops when {@link signal} aborts.
 */
export class StreamDeadline {
  /** Aborts when the limit passes. */
  readonly signal: AbortSignal;

  constructor(readonly limitMs: number) {
    this.signal = AbortSignal.timeout(limitMs);
  }

  async *wrap<T>(stream: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const item of stream) {
      this.check();
      yield item;
    }
    // Work done on the last batch counts too.
    this.check();
  }

  /** Throws once the limit has passed, even if the work caught a wrapped stream's error. */
  check(): void {
    if (this.signal.aborted) throw new DeadlineExceeded(this.limitMs);
  }
}
