import { workerData } from 'node:worker_threads';
import { serveStream } from '../../src/compute/thread-stream';

// A producer for test/thread-stream.test.ts: `count` numbers, each counted in a shared cell as it
// is produced (before it waits for the consumer), failing at `failAt` when given.
const { count, failAt, produced } = workerData as { count: number; failAt?: number; produced: Int32Array };

async function* numbers(): AsyncGenerator<number> {
  for (let i = 0; i < count; i += 1) {
    if (i === failAt) throw new Error(`no number ${i} here`);
    Atomics.add(produced, 0, 1);
    yield i;
  }
}

void serveStream(numbers());
