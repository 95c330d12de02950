import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, HOST_API_VERSION } from '../../plugin-api/plugin.contract';
import { runPlugin } from '../../plugin-api/testing/plugin-harness';
import { subject } from '../../plugin-api/testing/summary-fixture';

/** Busy for `ms` on this thread, as a costly model's score would be. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('the score pass', () => {
  it('scores a large batch in slices and lets the event loop turn between them', async () => {
    let ticks = 0;
    const ticksAtEachCall: number[] = [];
    // 0.1 ms per customer: a batch of 1,000 would hold the thread for 100 ms in one call.
    const slow = definePlugin({
      name: 'slow-score', version: '1.0.0', apiVersion: HOST_API_VERSION, description: 'A costly score.', configSchema: z.object({}),
      provides: [{
        kind: 'metrics', metricKeys: ['slow'], requires: ['summary'],
        score: (subjects) => {
          ticksAtEachCall.push(ticks);
          return subjects.map((s) => {
            busy(0.1);
            return { slow: { value: s.customer.id } };
          });
        },
      }],
    });
    const subjects = Array.from({ length: 1000 }, () => subject());
    const ticker = setInterval(() => ticks++, 1);
    const run = await runPlugin(slow, subjects, { batchSize: 1000 });
    clearInterval(ticker);
    expect(run.results.get('slow')).toEqual(subjects.map((s) => ({ value: s.customer.id, label: null })));
    // One batch, scored in five calls of 200, with timers run between them (from the second on:
    // the first turn of the loop may reach its check phase before its timers).
    expect(ticksAtEachCall).toHaveLength(5);
    const turns = ticksAtEachCall.slice(1).filter((t, i) => t > ticksAtEachCall[i]).length;
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
