import { In, type DataSource, type EntityManager } from 'typeorm';
import type { IngestOptions } from '../common/ingest-options';
import type { InputProblem } from '../common/validate-batch';
import { customersByExternalId } from '../customers/customer-ingest.service';
import { Segment } from './segment.entity';
import { SegmentMember } from './segment-member.entity';
import { segmentForUpdate } from './segment.service';
import { memberIdsError, validateMemberIds } from './member-id-list';
import type { SegmentKeyOwner } from './reserved-segment-key';

const CHUNK = 500;

export interface AddMembersResult { added: number; alreadyMembers: number; segment: Segment }
export interface RemoveMembersResult { removed: number; segment: Segment }

/** Customer ids for the external ids, in first-seen order; throws naming every unknown or erased one. */
async function customerIds(m: EntityManager, externalIds: string[]): Promise<number[]> {
  const customers = await customersByExternalId(m, [...new Set(externalIds)]);
  const unknown: Omit<InputProblem, 'field'>[] = [];
  externalIds.forEach((id, index) => {
    if (!customers.has(id)) unknown.push({ index, message: `no customer has externalId "${id}"` });
  });
  if (unknown.length) throw memberIdsError(unknown);
  return [...new Set(externalIds.map((id) => (customers.get(id) as { id: number }).id))];
}

async function currentMembers(m: EntityManager, segmentId: number, ids: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await m.getRepository(SegmentMember).findBy({ segmentId, customerId: In(ids.slice(i, i + CHUNK)) });
    for (const r of rows) found.add(r.customerId);
  }
  return found;
}

/** A change of membership is a change of the segment. */
async function touch(m: EntityManager, segment: Segment, now: Date): Promise<void> {
  await m.update(Segment, { id: segment.id }, { updatedAt: now });
  segment.updatedAt = now;
}

/** Adds customers to a STATIC segment in one transaction; repeats and existing members are not added again. */
export async function addSegmentMembers(ds: DataSource, o: IngestOptions, key: string, externalIds: string[], owner: SegmentKeyOwner): Promise<AddMembersResult> {
  const wanted = validateMemberIds(externalIds, o.batchSizeMax);
  return ds.transaction(async (m) => {
    const segment = await segmentForUpdate(m, key, owner, 'grow');
    const ids = await customerIds(m, wanted);
    const present = await currentMembers(m, segment.id, ids);
    const rows = ids.filter((id) => !present.has(id)).map((customerId) => ({ segmentId: segment.id, customerId, addedAt: o.now }));
    for (let i = 0; i < rows.length; i += 200) await m.insert(SegmentMember, rows.slice(i, i + 200));
    if (rows.length) await touch(m, segment, o.now);
    return { added: rows.length, alreadyMembers: wanted.length - rows.length, segment };
  });
}

/** Removes customers from a STATIC segment in one transaction; non-members are simply not counted. */
export async function removeSegmentMembers(ds: DataSource, o: IngestOptions, key: string, externalIds: string[], owner: SegmentKeyOwner): Promise<RemoveMembersResult> {
  const wanted = validateMemberIds(externalIds, o.batchSizeMax);
  return ds.transaction(async (m) => {
    const segment = await segmentForUpdate(m, key, owner, 'shrink');
    const present = [...await currentMembers(m, segment.id, await customerIds(m, wanted))];
    for (let i = 0; i < present.length; i += CHUNK) {
      await m.delete(SegmentMember, { segmentId: segment.id, customerId: In(present.slice(i, i + CHUNK)) });
    }
    if (present.length) await touch(m, segment, o.now);
    return { removed: present.length, segment };
  });
}
