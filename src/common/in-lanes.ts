/**
 * Runs `work` on every item, at most `lanes` at a time, in the items' order. After a failure no
 * item is started, the running ones are waited for (so that nothing runs on after the caller
 * has moved on, e.g. released a lock), and the first error is thrown.
 */
export async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const count = Math.max(1, Math.min(lanes, items.length));
  const settled = await Promise.allSettled(Array.from({ length: count }, lane));
  const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}
