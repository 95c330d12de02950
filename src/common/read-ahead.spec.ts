import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead';

async function* counted(log: string[], n: number, failAt?: number): AsyncGenerator<number> {
  try {
    for (let i = 0; i < n; i++) {
      log.push(`read ${i}`);
      await new Promise((r) => setTimeout(r, 1));
      if (i === failAt) throw new Error(`read ${i} failed`);
      yield i;
    }
  } finally {
    log.push('closed');
  }
}

describe('readAhead', () => {
  it('yields every item in order, reading the next while the current is consumed', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const x of readAhead(counted(log, 3))) {
      log.push(`use ${x}`);
      seen.push(x);
    }
    expect(seen).toEqual([0, 1, 2]);
    // Item 1 is already being read when item 0 is used.
    expect(log.indexOf('read 1')).toBeLessThan(log.indexOf('use 0'));
    expect(log).toContain('closed');
  });

  it('closes the source when the consumer stops early', async () => {
    const log: string[] = [];
    for await (const x of readAhead(counted(log, 10))) if (x === 1) break;
    expect(log).toContain('closed');
    expect(log.filter((l) => l.startsWith('read')).length).toBeLessThanOrEqual(3);
  });

  it('reports a failed read when its item is due, after the items before it', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const x of readAhead(counted([], 5, 2))) {
        await new Promise((r) => setTimeout(r, 5));
        seen.push(x);
      }
    };
    await expect(run()).rejects.toThrow('read 2 failed');
    expect(seen).toEqual([0, 1]);
  });
});
