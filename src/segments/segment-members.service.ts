import { In, type DataSource, type EntityManager } from 'typeorm';
import { writeTransaction, type WriteTarget } from '../common/concurrent-write';
import type { IngestOptions } from '../common/ingest-options';
import type { InputProblem } from '../common/validate-batch';
import { customersByExternalId } from '../customers/customer-ingest.service';
import { erasedMeanwhileProblems, lockCustomersByExternalId } from '../customers/customer-locks';
import { bulkInsert, skipDuplicates } from '../db/bulk-insert';
import { toSqlDate } from '../db/sql-date';
import { ErrorCode } from '../graphql/errors';
import { Segment } from './segment.entity';
import { SegmentMember } from './segment-member.entity';
import { segmentForUpdate } from './segment.service';
import { MEMBER_IDS_ARG, memberIdsError, validateMemberIds } from './member-id-list';
import type { SegmentKeyOwner } from './reserved-segment-key';

const CHUNK = 500;

/** `changedCustomerIds`: whose membership changed, for the rule segments that read this one. */
export interface AddMembersResult { added: number; alreadyMembers: number; segment: Segment; changedCustomerIds: number[] }
export interface RemoveMembersResult { removed: number; segment: Segment; changedCustomerIds: number[] }

/** Customer ids for the external ids, in first-seen order; throws naming every unknown or erased one. */
async function customerIds(m: EntityManager, externalIds: string[], lock: boolean): Promise<number[]> {
  const keys = [...new Set(externalIds)];
  // Adding locks the customers: an erasure either waits and then drops the new memberships, or wins.
  const { byExternalId: customers, erasedMeanwhile } = lock
    ? await lockCustomersByExternalId(m, keys)
    : { byExternalId: await customersByExternalId(m, keys), erasedMeanwhile: new Set<string>() };
  const erased = erasedMeanwhileProblems(externalIds, erasedMeanwhile);
  if (erased.length) throw memberIdsError(erased, ErrorCode.CONFLICT);
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

/** A change of membership is a change of the segment, and each customer's entry or exit is recorded (Segment.changes). */
async function touch(m: EntityManager, segment: Segment, now: Date, customerIds: number[], entered: boolean): Promise<void> {
  await m.update(Segment, { id: segment.id }, { updatedAt: now });
  segment.updatedAt = now;
  const at = toSqlDate(now);
  await bulkInsert(m, 'segment_change', ['segment_id', 'customer_id', 'entered', 'at'], customerIds.map((id) => [segment.id, id, entered ? 1 : 0, at]), 500);
}

/** How a membership edit reports a lock race it kept losing. */
const MEMBERS: WriteTarget = { what: 'segment members', arg: MEMBER_IDS_ARG };

/**
 * Adds customers to a STATIC segment in one transaction; repeats and existing members are not
 * added again. Edits of one segment queue behind its locked row (see segmentForUpdate); the
 * insert skips rows stored meanwhile all the same, so adding is idempotent whatever the race.
 */
export async function addSegmentMembers(ds: DataSource, o: IngestOptions, key: string, externalIds: string[], owner: SegmentKeyOwner): Promise<AddMembersResult> {
  const wanted = validateMemberIds(externalIds, o.batchSizeMax);
  return writeTransaction(ds, MEMBERS, async (m) => {
    const segment = await segmentForUpdate(m, key, owner, 'grow');
    const ids = await customerIds(m, wanted, true);
    const present = await currentMembers(m, segment.id, ids);
    const added = ids.filter((id) => !present.has(id));
    const rows = added.map((customerId) => [segment.id, customerId, toSqlDate(o.now)]);
    await bulkInsert(m, 'segment_member', ['segment_id', 'customer_id', 'added_at'], rows, 500, skipDuplicates(m, ['segment_id', 'run_id', 'customer_id']));
    if (rows.length) await touch(m, segment, o.now, added, true);
    return { added: rows.length, alreadyMembers: wanted.length - rows.length, segment, changedCustomerIds: added };
  });
}

/** Removes customers from a STATIC segment in one transaction; non-members are simply not counted. */
export async function removeSegmentMembers(ds: DataSource, o: IngestOptions, key: string, externalIds: string[], owner: SegmentKeyOwner): Promise<RemoveMembersResult> {
  const wanted = validateMemberIds(externalIds, o.batchSizeMax);
  return writeTransaction(ds, MEMBERS, async (m) => {
    const segment = await segmentForUpdate(m, key, owner, 'shrink');
    const present = [...await currentMembers(m, segment.id, await customerIds(m, wanted, false))];
    for (let i = 0; i < present.length; i += CHUNK) {
      await m.delete(SegmentMember, { segmentId: segment.id, customerId: In(present.slice(i, i + CHUNK)) });
    }
    if (present.length) await touch(m, segment, o.now, present, false);
    return { removed: present.length, segment, changedCustomerIds: present };
  });
}
