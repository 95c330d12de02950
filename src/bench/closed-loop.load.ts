export interface LoadResult {
  /** Latency of every completed request, in ms. */
  latenciesMs: number[];
  errors: number;
  firstError: string | undefined;
  seconds: number;
}

/**
 * `clients` concurrent loops, each sending its next request when the previous one answered,
 * until `stop()` says so. `request(n)` gets a running request number.
 */
export async function closedLoop(o: { clients: number; stop: () => boolean; request: (n: number) => Promise<unknown> }): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let n = 0;
  const started = performance.now();
  const client = async () => {
    while (!o.stop()) {
      const t = performance.now();
      try {
        await o.request(n++);
        latenciesMs.push(performance.now() - t);
      } catch (err) {
        errors += 1;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: o.clients }, client));
  return { latenciesMs, errors, firstError, seconds: (performance.now() - started) / 1000 };
}

/** A stop condition that turns true after `ms`. */
export function after(ms: number): () => boolean {
  const end = performance.now() + ms;
  return () => performance.now() >= end;
}
