import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';

// CPU-bound work (a model fit that takes a second at 100k customers) would stop the event loop
// that answers every request, /healthz included, for as long as it runs. It goes to a pool of
// worker threads instead: the request thread only packs the input and awaits the answer.

/**
 * A function exported by a worker module, to be run on a worker thread: declare it with
 * {@link offThreadTask}. `F` is the function's type (`typeof import('./x.worker').name`), which
 * types the input and the answer of {@link runOffThread}.
 */
export interface OffThreadTask<F extends (input: never) => unknown> {
  /** Absolute path of the worker module (see {@link besideModule}). */
  readonly file: string;
  /** The name of the export to call. */
  readonly name: string;
  /** Never set: carries `F` for the type checker. */
  readonly _fn?: F;
}

/**
 * Declares an export of a worker module as a task. The module is loaded on its own thread, so it
 * must not rely on state of the main thread (a database, a logger, a configuration): its functions
 * take everything as their input and return everything as their answer, both structured-cloneable
 * (plain data, typed arrays; an Error loses its class on the way back, so return failures as data).
 */
export function offThreadTask<F extends (input: never) => unknown>(file: string, name: string): OffThreadTask<F> {
  return { file, name };
}

/**
 * The path of module `name` in the folder of the module `filename` (pass `__filename`), with the
 * same extension: `.ts` when run from source (tsx, tests), `.js` when built.
 */
export function besideModule(filename: string, name: string): string {
  return path.join(path.dirname(filename), `${name}${path.extname(filename)}`);
}

export interface RunOffThreadOptions {
  /** Aborting it stops the task (its thread is ended) and rejects with an AbortError. */
  signal?: AbortSignal;
  /** Buffers handed over instead of copied (e.g. a Float64Array's `buffer`); unusable here afterwards. */
  transfer?: ArrayBufferLike[];
}

/** The default pool size: every core but one, which stays with the request thread. */
export const DEFAULT_COMPUTE_THREADS = Math.max(1, availableParallelism() - 1);

let threads = DEFAULT_COMPUTE_THREADS;
let pool: Piscina | null = null;

/** Sets the size of the pool (COMPUTE_THREADS); takes effect for a pool not yet started. */
export function configureOffThread(options: { threads: number }): void {
  threads = options.threads;
}

function thePool(): Piscina {
  pool ??= new Piscina({
    maxThreads: threads,
    minThreads: 0,
    // The fits of one pass follow each other at once; a thread then ends soon after the last,
    // rather than holding its heap through the score pass (minutes at 1M customers).
    idleTimeout: 2_000,
    // Run from source, a thread loads TypeScript the way its parent does.
    execArgv: __filename.endsWith('.ts') ? ['--import', 'tsx'] : [],
  });
  return pool;
}

/**
 * Runs `task` on a worker thread of the shared pool and resolves to its answer (a rejection carries
 * the worker's error message). Tasks beyond the pool's size wait in its queue. Idle threads do not
 * keep the process alive.
 */
export async function runOffThread<F extends (input: never) => unknown>(
  task: OffThreadTask<F>, input: Parameters<F>[0], options: RunOffThreadOptions = {},
): Promise<Awaited<ReturnType<F>>> {
  return (await thePool().run(input, { filename: task.file, name: task.name, signal: options.signal, transferList: options.transfer as ArrayBuffer[] | undefined })) as Awaited<ReturnType<F>>;
}

/** Ends the pool's threads (at shutdown); a later task starts a new pool. */
export async function closeOffThread(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.close({ force: true });
}
