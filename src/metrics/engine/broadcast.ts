/**
 * Hands every item of one async source to several consumers in lockstep, so that one pass over
 * the population feeds every plugin's fit: the next item is pulled only when every consumer still
 * reading has taken the current one, so memory holds at most one item beyond what consumers hold.
 * A consumer that stops early (break, throw) is detached and no longer waited for; an error of the
 * source reaches every consumer.
 */
export class Broadcast<T> {
  private readonly waiting = new Map<number, (r: IteratorResult<T> | Error) => void>();
  private readonly active = new Set<number>();
  private pulling = false;
  private finished: IteratorResult<T> | Error | null = null;

  constructor(private readonly source: AsyncIterator<T>, consumers: number) {
    for (let i = 0; i < consumers; i++) this.active.add(i);
  }

  /** The i-th consumer's view (0 <= i < consumers); each is iterated once. */
  consumer(i: number): AsyncIterable<T> {
    const self = this;
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => self.request(i),
        return: async () => {
          self.detach(i);
          return { done: true, value: undefined };
        },
      }),
    };
  }

  /** Stops waiting for consumer i (call when it is done, however it ended). */
  detach(i: number): void {
    if (!this.active.delete(i)) return;
    this.waiting.delete(i);
    if (!this.active.size && !this.finished) void this.source.return?.();
    else this.pullIfReady();
  }

  private request(i: number): Promise<IteratorResult<T>> {
    if (this.finished) return settle(this.finished);
    if (!this.active.has(i)) return Promise.resolve({ done: true, value: undefined });
    return new Promise<IteratorResult<T> | Error>((resolve) => {
      this.waiting.set(i, resolve);
      this.pullIfReady();
    }).then(settle);
  }

  private pullIfReady(): void {
    if (this.pulling || this.finished || !this.active.size || this.waiting.size < this.active.size) return;
    this.pulling = true;
    this.source.next().then(
      (r) => this.deliver(r),
      (err: unknown) => this.deliver(err instanceof Error ? err : new Error(String(err))),
    );
  }

  private deliver(r: IteratorResult<T> | Error): void {
    this.pulling = false;
    if (r instanceof Error || r.done) this.finished = r;
    const receivers = [...this.waiting.values()];
    this.waiting.clear();
    for (const resolve of receivers) resolve(r);
  }
}

function settle<T>(r: IteratorResult<T> | Error): Promise<IteratorResult<T>> {
  return r instanceof Error ? Promise.reject(r) : Promise.resolve(r);
}
