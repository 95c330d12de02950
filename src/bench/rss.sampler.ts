/**
 * Samples this process's resident memory every `intervalMs` until the returned function is
 * called, which gives the peak seen, in MiB. Unlike the process's maxRSS, it is the peak of one
 * phase, not of everything before it (the population's generation, the summary rebuild).
 * Memory freed by earlier phases but not yet collected still counts: with `--expose-gc` a
 * collection runs first.
 */
export function sampleRss(intervalMs = 50): () => number {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss()) / 2 ** 20;
  };
}
