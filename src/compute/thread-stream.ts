import { parentPort, Worker } from 'node:worker_threads';

// A producer that is itself CPU-bound (parsing a file) runs on a thread of its own and hands its
// items over one message each, a few ahead of the consumer and no more: the consumer's pace sets
// the producer's, so memory stays bounded whatever the stream's length.

/** Items a producer may send before the consumer has taken them. */
const AHEAD = 3;

type Message<T> = { item: T } | { done: true } | { error: string };

/**
 * The items of the stream that worker module `file` serves with {@link serveStream}, given
 * `workerData`. Stopping early ends the thread; the thread's failure is thrown here.
 */
export async function* streamFromThread<T>(file: string, workerData: unknown): AsyncGenerator<T> {
  // Run from source, the thread registers tsx before it loads the module: a thread started on a
  // .ts file, even with the parent's `--import tsx`, does not get its hooks.
  const worker = file.endsWith('.ts')
    ? new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`, { eval: true, workerData })
    : new Worker(file, { workerData });
  const queue: Message<T>[] = [];
  let wake: (() => void) | undefined;
  const push = (m: Message<T>) => {
    queue.push(m);
    wake?.();
  };
  worker.on('message', (m: Message<T>) => push(m));
  worker.on('error', (err) => push({ error: err.message }));
  worker.on('exit', (code) => push(code === 0 ? { done: true } : { error: `the thread stopped (exit code ${code})` }));
  try {
    worker.postMessage(AHEAD);
    for (;;) {
      if (!queue.length) await new Promise<void>((resolve) => { wake = resolve; });
      const m = queue.shift()!;
      if ('error' in m) throw new Error(m.error);
      if ('done' in m) return;
      worker.postMessage(1);
      yield m.item;
    }
  } finally {
    await worker.terminate();
  }
}

/** Serves `source` to the thread that started this one with {@link streamFromThread}. */
export async function serveStream<T>(source: AsyncIterable<T>): Promise<void> {
  const port = parentPort!;
  let credits = 0;
  let wake: (() => void) | undefined;
  port.on('message', (n: number) => {
    credits += n;
    wake?.();
  });
  try {
    for await (const item of source) {
      while (credits === 0) await new Promise<void>((resolve) => { wake = resolve; });
      credits -= 1;
      port.postMessage({ item } satisfies Message<T>);
    }
    port.postMessage({ done: true } satisfies Message<T>);
  } catch (err) {
    port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies Message<T>);
  }
  port.close();
}
