/** A promise raced against a timer: the value, or `finished: false` once `ms` have passed (the work goes on). */
export type Raced<T> = { finished: true; value: T } | { finished: false };

export async function raceTimeout<T>(work: Promise<T>, ms: number): Promise<Raced<T>> {
  if (!Number.isFinite(ms) || ms <= 0) return { finished: true, value: await work };
  // A failure after the timer won is nobody's to handle: keep it from crashing the process.
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Raced<T>>((resolve) => {
    timer = setTimeout(() => resolve({ finished: false }), ms);
  });
  try {
    return await Promise.race([work.then((value): Raced<T> => ({ finished: true, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
