import type { DataSource, EntityManager } from 'typeorm';
import { SegmentKind } from '../common/enums';
import { batchError } from '../common/validate-batch';
import { isUniqueViolation } from '../db/unique-violation';
import { badInput, ErrorCode, notFound } from '../graphql/errors';
import { Segment } from './segment.entity';
import type { SegmentInput } from './segment.input';
import { segmentInputSchema } from './segment-input.schema';
import { SegmentMember } from './segment-member.entity';

/** The segment named by `key`, or NOT_FOUND; `staticOnly` refuses segments not managed as lists. */
export async function segmentForUpdate(m: EntityManager, key: string, staticOnly = true): Promise<Segment> {
  const found = await m.getRepository(Segment).findOneBy({ key });
  if (!found) throw notFound(`no segment has key "${key}"`, { field: 'key' }, 'args');
  if (staticOnly && found.kind !== SegmentKind.STATIC) {
    throw badInput(`segment "${key}" is ${found.kind}; only STATIC segments are changed through this API`, { field: 'key' }, 'args');
  }
  return found;
}

/** Creates a STATIC segment, or updates the name and description of the one with this key. */
export async function upsertSegment(ds: DataSource, now: Date, input: SegmentInput): Promise<Segment> {
  const r = segmentInputSchema.safeParse(input);
  if (!r.success) throw batchError(r.error.issues.map((i) => ({ field: i.path.join('.') || undefined, message: i.message })));
  const v = r.data;
  try {
    return await ds.transaction(async (m) => {
      const repo = m.getRepository(Segment);
      const existing = await repo.findOneBy({ key: v.key });
      if (!existing) {
        await repo.insert({ key: v.key, name: v.name, description: v.description ?? null, kind: SegmentKind.STATIC, createdAt: now, updatedAt: now });
        return repo.findOneByOrFail({ key: v.key });
      }
      if (existing.kind !== SegmentKind.STATIC) {
        throw badInput(`segment "${v.key}" is ${existing.kind}; only STATIC segments are changed through this API`, { field: 'key' });
      }
      const description = v.description === undefined ? existing.description : v.description;
      if (existing.name === v.name && existing.description === description) return existing;
      await repo.update({ id: existing.id }, { name: v.name, description, updatedAt: now });
      return repo.findOneByOrFail({ id: existing.id });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw batchError([{ field: 'key', message: 'another request created this segment at the same time; retry' }], 'input', ErrorCode.CONFLICT);
    throw err;
  }
}

/** Deletes a STATIC segment and its memberships. */
export async function deleteSegment(ds: DataSource, key: string): Promise<boolean> {
  return ds.transaction(async (m) => {
    const segment = await segmentForUpdate(m, key);
    await m.delete(SegmentMember, { segmentId: segment.id });
    await m.delete(Segment, { id: segment.id });
    return true;
  });
}
