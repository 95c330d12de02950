import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { ErrorCode } from '../graphql/errors';

/** One problem in a batch: which item, which field, what is wrong. */
export interface InputProblem {
  index?: number;
  field?: string;
  message: string;
}

/**
 * A rejected batch: every problem found, in `extensions.problems`; the first one also in
 * `extensions.index` / `extensions.field` and in the message, so a client can point at it.
 */
export function batchError(problems: InputProblem[], arg = 'input', code: string = ErrorCode.BAD_USER_INPUT): GraphQLError {
  const where = (p: InputProblem) =>
    `${arg}${p.index === undefined ? '' : `[${p.index}]`}${p.field ? `.${p.field}` : ''}`;
  const shown = problems.slice(0, 5).map((p) => `${where(p)}: ${p.message}`).join('; ');
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
  const first = problems[0];
  return new GraphQLError(`${`${shown}${more}`.replace(/\.$/, '')}. Nothing was written.`, {
    extensions: { code, index: first.index, field: first.field, problems },
  });
}

/** Checks the batch size and every item against a zod schema; throws with all problems, or returns parsed items. */
export function validateBatch<S extends z.ZodType>(
  items: unknown[],
  schema: S,
  maxItems: number,
  arg = 'input',
): z.output<S>[] {
  if (items.length > maxItems) {
    throw batchError([{ message: `has ${items.length} items; the limit is ${maxItems} (BATCH_SIZE_MAX). Split the batch.` }], arg);
  }
  const problems: InputProblem[] = [];
  const parsed = items.map((item, index) => {
    const r = schema.safeParse(item);
    if (!r.success) {
      for (const issue of r.error.issues) problems.push({ index, field: issue.path.join('.') || undefined, message: issue.message });
      return undefined;
    }
    return r.data as z.output<S>;
  });
  if (problems.length) throw batchError(problems, arg);
  return parsed as z.output<S>[];
}

/** Flags every repeat of the same key within one batch. */
export function duplicateKeys(keys: string[], field: string, message = 'appears more than once in this batch'): InputProblem[] {
  const seen = new Map<string, number>();
  const problems: InputProblem[] = [];
  keys.forEach((k, index) => {
    const firstAt = seen.get(k);
    if (firstAt === undefined) seen.set(k, index);
    else problems.push({ index, field, message: `${message} (first at index ${firstAt})` });
  });
  return problems;
}
