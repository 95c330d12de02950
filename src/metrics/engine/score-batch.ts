import type { FittedModel, MetricContext, MetricProvider, MetricSubject, ScoreOutcome } from '../../plugin-api/plugin.contract';

type Outcome = ScoreOutcome<unknown>;

const isError = (o: Outcome): o is { error: string } => typeof o === 'object' && o !== null && 'error' in o && typeof (o as { error: unknown }).error === 'string';

/** The first non-finite number inside a value, as a path, so that NaN or Infinity never reaches a client. */
function nonFinitePath(v: unknown, path = 'value'): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : path;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    for (const [k, x] of Object.entries(v)) {
      const found = nonFinitePath(x, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

function checked(o: Outcome): Outcome {
  if (o === null || o === undefined) return null;
  if (isError(o)) return { error: o.error.slice(0, 500) };
  const bad = nonFinitePath(o);
  return bad ? { error: `returned a non-finite number at ${bad}` } : o;
}

/**
 * Scores a batch. If the plugin throws for the batch, each customer is scored alone so that
 * one bad customer costs only its own value: it gets `{ error }`, the rest are kept.
 */
export function scoreBatch<C>(provider: MetricProvider<C>, subjects: MetricSubject[], model: FittedModel, ctx: MetricContext<C>): Outcome[] {
  try {
    const out = provider.score(subjects, model, ctx) as Outcome[];
    if (!Array.isArray(out) || out.length !== subjects.length) {
      throw new Error(`score returned ${Array.isArray(out) ? out.length : typeof out} results for ${subjects.length} customers`);
    }
    return out.map(checked);
  } catch (batchError) {
    if (subjects.length === 1) return [{ error: (batchError as Error).message ?? String(batchError) }];
    return subjects.map((s) => scoreBatch(provider, [s], model, ctx)[0]);
  }
}

export { isError as isScoreError };
