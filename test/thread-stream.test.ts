import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { streamFromThread } from '../src/compute/thread-stream';

const WORKER = path.join(__dirname, 'support/counting.worker.ts');
const shared = () => new Int32Array(new SharedArrayBuffer(4));

describe('streamFromThread', () => {
  it('hands over every item in order, the producer never more than a few ahead of a slow consumer', async () => {
    const produced = shared();
    const got: number[] = [];
    for await (const n of streamFromThread<number>(WORKER, { count: 40, produced })) {
      got.push(n);
      await sleep(5);
      // Sent ahead (3), plus one produced and waiting for its turn.
      expect(Atomics.load(produced, 0)).toBeLessThanOrEqual(got.length + 4);
    }
    expect(got).toEqual([...Array(40).keys()]);
  });

  it('throws the thread\'s failure where the items are read', async () => {
    const got: number[] = [];
    await expect((async () => {
      for await (const n of streamFromThread<number>(WORKER, { count: 10, failAt: 6, produced: shared() })) got.push(n);
    })()).rejects.toThrow('no number 6 here');
    expect(got).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('ends the thread when the reader stops early', async () => {
    const produced = shared();
    for await (const n of streamFromThread<number>(WORKER, { count: 1_000_000, produced })) if (n === 2) break;
    const stopped = Atomics.load(produced, 0);
    await sleep(100);
    expect(Atomics.load(produced, 0)).toBe(stopped);
    expect(stopped).toBeLessThan(10);
  });
});
