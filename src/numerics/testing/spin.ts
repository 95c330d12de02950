/** For specs: busy-waits `ms` milliseconds, an objective as slow as a pass over a large population. */
export function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* wait */ }
}
