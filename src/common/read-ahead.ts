/**
 * Iterates an async source one item ahead: the next item is being produced (a database read)
 * while the consumer works on the current one (scoring), so the two overlap instead of taking
 * turns. Holds at most one extra item. Stopping early closes the source.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  // A failed read ahead is reported when its turn comes, not as an unhandled rejection meanwhile.
  next.catch(() => undefined);
  let done = false;
  try {
    for (;;) {
      const r = await next;
      if (r.done) {
        done = true;
        return;
      }
      next = it.next();
      next.catch(() => undefined);
      yield r.value;
    }
  } finally {
    if (!done) {
      await next.catch(() => undefined);
      await it.return?.();
    }
  }
}
