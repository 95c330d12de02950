import type { ScoreOutcome } from './plugin.contract';

/**
 * Scores each subject inside its own catch: a throw for one subject becomes `{ error }` for that
 * subject only (`prefix: message` when a prefix, usually the plugin name, is given; a thrown
 * non-Error is stringified), values and null pass through.
 *
 * Why: the host already confines a failing customer when `score` throws for a batch
 * (see `scoreBatch`), but it does so by scoring every customer of that batch again alone, one
 * call each. Catching per subject here keeps one call per batch and still costs only the failing
 * customer its value. Throw before calling this for what concerns everyone (a stale model).
 */
export function scoreEach<S, V>(subjects: readonly S[], score: (subject: S) => ScoreOutcome<V>, prefix?: string): ScoreOutcome<V>[] {
  return subjects.map((subject): ScoreOutcome<V> => {
    try {
      return score(subject);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { error: prefix === undefined ? message : `${prefix}: ${message}` };
    }
  });
}
