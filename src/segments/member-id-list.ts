import { GraphQLError } from 'graphql';
import { batchError, type InputProblem } from '../common/validate-batch';
import { externalId } from '../common/input-rules';
import { ErrorCode } from '../graphql/errors';

export const MEMBER_IDS_ARG = 'customerExternalIds';

/**
 * A rejected list of customer ids. The message reads `customerExternalIds[3]: ...`; the extensions
 * carry index and field like every batch error, the field being the list argument itself.
 */
export function memberIdsError(problems: Omit<InputProblem, 'field'>[], code: string = ErrorCode.BAD_USER_INPUT): GraphQLError {
  const base = batchError(problems, MEMBER_IDS_ARG, code);
  const withField = problems.map((p) => ({ ...p, field: MEMBER_IDS_ARG }));
  return new GraphQLError(base.message, { extensions: { ...base.extensions, field: MEMBER_IDS_ARG, problems: withField } });
}

/** Checks the list size and each id; returns the ids as they will be looked up. */
export function validateMemberIds(ids: string[], maxItems: number): string[] {
  if (ids.length > maxItems) {
    throw memberIdsError([{ message: `has ${ids.length} items; the limit is ${maxItems} (BATCH_SIZE_MAX); split the list` }]);
  }
  const problems: Omit<InputProblem, 'field'>[] = [];
  const parsed = ids.map((id, index) => {
    const r = externalId.safeParse(id);
    if (!r.success) problems.push({ index, message: r.error.issues.map((i) => i.message).join('; ') });
    return r.success ? r.data : id;
  });
  if (problems.length) throw memberIdsError(problems);
  return parsed;
}
