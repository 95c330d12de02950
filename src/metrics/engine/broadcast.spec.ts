import { describe, expect, it } from 'vitest';
import { Broadcast } from './broadcast';

async function* counted(n: number, pulls: number[]): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    pulls.push(i);
    yield i;
  }
}

async function drain(it: AsyncIterable<number>, each?: (x: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for await (const x of it) {
    out.push(x);
    await each?.(x);
  }
  return out;
}

describe('Broadcast', () => {
  it('hands every item to every consumer from a single pass', async () => {
    const pulls: number[] = [];
    const b = new Broadcast(counted(5, pulls)[Symbol.asyncIterator](), 3);
    const results = await Promise.all([0, 1, 2].map((i) => drain(b.consumer(i))));
    expect(results).toEqual([[0, 1, 2, 3, 4], [0, 1, 2, 3, 4], [0, 1, 2, 3, 4]]);
    expect(pulls).toEqual([0, 1, 2, 3, 4]);
  });

  it('pulls the next item only when every consumer took the current one', async () => {
    const pulls: number[] = [];
    const b = new Broadcast(counted(3, pulls)[Symbol.asyncIterator](), 2);
    let release!: () => void;
    const slow = drain(b.consumer(1), async (x) => { if (x === 0) await new Promise<void>((r) => { release = r; }); });
    const fast = drain(b.consumer(0));
    await new Promise((r) => setTimeout(r, 20));
    expect(pulls).toEqual([0]);
    release();
    expect(await Promise.all([fast, slow])).toEqual([[0, 1, 2], [0, 1, 2]]);
  });

  it('stops waiting for a consumer that breaks off or is detached', async () => {
    const pulls: number[] = [];
    const b = new Broadcast(counted(4, pulls)[Symbol.asyncIterator](), 3);
    const early = (async () => { for await (const x of b.consumer(0)) if (x === 1) break; })();
    b.detach(2);
    expect(await drain(b.consumer(1))).toEqual([0, 1, 2, 3]);
    await early;
  });

  it('passes an error of the source to every consumer', async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error('database went away');
    }
    const b = new Broadcast(failing()[Symbol.asyncIterator](), 2);
    const results = await Promise.allSettled([drain(b.consumer(0)), drain(b.consumer(1))]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual(['database went away', 'database went away']);
  });
});
