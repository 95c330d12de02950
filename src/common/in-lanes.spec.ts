import { describe, expect, it } from 'vitest';
import { inLanes } from './in-lanes';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('inLanes', () => {
  it('runs every item, never more than `lanes` at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await inLanes([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await tick();
      done.push(n);
      running--;
    });
    expect(done.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('starts nothing after a failure, waits for the running items, then throws the first error', async () => {
    const started: number[] = [];
    let finished = 0;
    const run = inLanes([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('one failed');
      await tick();
      finished++;
    });
    await expect(run).rejects.toThrow('one failed');
    // Item 2 was running when 1 failed: it finished before inLanes returned; 3-5 never started.
    expect(started).toEqual([1, 2]);
    expect(finished).toBe(1);
  });
});
