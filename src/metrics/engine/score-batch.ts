import { isDriverError, publicErrorMessage } from '../../common/public-error-message';
import type { FittedModel, MetricContext, MetricProvider, MetricSubject, ScoreOutcome } from '../../plugin-api/plugin.contract';

type Outcome = ScoreOutcome<unknown>;

const isError = (o: Outcome): o is { error: string } => typeof o === 'object' && o !== null && 'error' in o && typeof (o as { error: unknown }).error === 'string';

/** The first non-finite number inside a value, as a path, so that NaN or Infinity never reaches a client. */
function nonFinitePath(v: unknown): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : 'value';
  // Runs on every outcome of every pass: the path is built only when something is wrong.
  if (v && typeof v === 'object' && !(v instanceof Date) && hasNonFinite(v as Record<string, unknown>)) return pathTo(v as Record<string, unknown>, 'value');
  return null;
}

function hasNonFinite(o: Record<string, unknown>): boolean {
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'number') { if (!Number.isFinite(x)) return true; }
    else if (x && typeof x === 'object' && !(x instanceof Date) && hasNonFinite(x as Record<string, unknown>)) return true;
  }
  return false;
}

function pathTo(o: Record<string, unknown>, path: string): string {
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'number' && !Number.isFinite(x)) return `${path}.${k}`;
    if (x && typeof x === 'object' && !(x instanceof Date) && hasNonFinite(x as Record<string, unknown>)) return pathTo(x as Record<string, unknown>, `${path}.${k}`);
  }
  return path;
}

/** A customer's error as it is stored and shown: the plugin's own text, or a coded one for a database error (logged). */
function scoreError(err: unknown, ctx: MetricContext<unknown>): { error: string } {
  if (isDriverError(err)) ctx.log('scoring failed with a database error', { err });
  return { error: publicErrorMessage(err, { code: 'SCORE_FAILED', what: 'the plugin could not score this customer' }, 500) };
}

function checked(o: Outcome, ctx: MetricContext<unknown>): Outcome {
  if (o === null || o === undefined) return null;
  if (isError(o)) return scoreError(o.error, ctx);
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
    return out.map((o) => checked(o, ctx as MetricContext<unknown>));
  } catch (batchError) {
    if (subjects.length === 1) return [scoreError(batchError, ctx as MetricContext<unknown>)];
    return subjects.map((s) => scoreBatch(provider, [s], model, ctx)[0]);
  }
}

export { isError as isScoreError };
