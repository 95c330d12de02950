import type { DataSource, EntityManager } from 'typeorm';
import { SegmentKind } from '../common/enums';
import { batchError } from '../common/validate-batch';
import { isUniqueViolation } from '../db/unique-violation';
import { badInput, ErrorCode, notFound } from '../graphql/errors';
import { Segment } from './segment.entity';
import type { SegmentInput } from './segment.input';
import { segmentInputSchema } from './segment-input.schema';
import { SegmentMember } from './segment-member.entity';
import { reservedKeyError, type SegmentKeyOwner } from './reserved-segment-key';

const notStatic = (s: Segment) => `segment "${s.key}" is ${s.kind}; only STATIC segments are changed through this API`;

/** What a change does to a segment: `grow` adds members; `shrink` removes members or deletes it. */
export type SegmentChange = 'grow' | 'shrink';

/**
 * The STATIC segment named by `key`, or NOT_FOUND, or BAD_USER_INPUT for a segment of another
 * kind. A STATIC segment whose key a plugin has since reserved (it predates the reservation) may
 * only shrink: emptied or deleted, so that the plugin can publish its own segment under the key.
 */
export async function segmentForUpdate(m: EntityManager, key: string, owner: SegmentKeyOwner, change: SegmentChange): Promise<Segment> {
  const found = await m.getRepository(Segment).findOneBy({ key });
  if (!found) throw notFound(`no segment has key "${key}"`, { field: 'key' }, 'args');
  const plugin = owner(key);
  if (plugin && found.kind !== SegmentKind.STATIC) throw reservedKeyError(key, plugin, 'args', notStatic(found));
  if (plugin && change === 'grow') {
    throw reservedKeyError(key, plugin, 'args', 'this STATIC segment predates the reservation: its members can be removed and it can be deleted, but none added');
  }
  if (found.kind !== SegmentKind.STATIC) throw badInput(notStatic(found), { field: 'key' }, 'args');
  return found;
}

/**
 * Creates a STATIC segment, or updates the name and description of the one with this key. A key
 * reserved to a plugin (see SegmentKeyOwner) is refused, whatever is stored under it.
 */
export async function upsertSegment(ds: DataSource, now: Date, input: SegmentInput, owner: SegmentKeyOwner): Promise<Segment> {
  const r = segmentInputSchema.safeParse(input);
  if (!r.success) throw batchError(r.error.issues.map((i) => ({ field: i.path.join('.') || undefined, message: i.message })));
  const v = r.data;
  const plugin = owner(v.key);
  if (plugin) throw reservedKeyError(v.key, plugin, 'input');
  try {
    return await ds.transaction(async (m) => {
      const repo = m.getRepository(Segment);
      const existing = await repo.findOneBy({ key: v.key });
      if (!existing) {
        await repo.insert({ key: v.key, name: v.name, description: v.description ?? null, kind: SegmentKind.STATIC, createdAt: now, updatedAt: now });
        return repo.findOneByOrFail({ key: v.key });
      }
      if (existing.kind !== SegmentKind.STATIC) throw badInput(notStatic(existing), { field: 'key' });
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
export async function deleteSegment(ds: DataSource, key: string, owner: SegmentKeyOwner): Promise<boolean> {
  return ds.transaction(async (m) => {
    const segment = await segmentForUpdate(m, key, owner, 'shrink');
    await m.delete(SegmentMember, { segmentId: segment.id });
    await m.delete(Segment, { id: segment.id });
    return true;
  });
}
