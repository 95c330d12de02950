import DataLoader from 'dataloader';
import { pushTo } from '../common/multimap';
import type { DataSource } from 'typeorm';
import { fromSqlDate } from '../db/sql-date';
import { Segment } from './segment.entity';
import { SegmentMember, servedMembership } from './segment-member.entity';

/** A customer's membership of a segment, and since when. */
export interface Membership {
  segment: Segment;
  since: Date;
}

/** Memberships of many customers in one statement, by segment key. */
export function customerMembershipsLoader(ds: DataSource) {
  return new DataLoader<number, Membership[]>(async (customerIds) => {
    const { entities, raw } = await ds.getRepository(Segment).createQueryBuilder('s')
      .innerJoin(SegmentMember, 'sm', `sm.segmentId = s.id AND ${servedMembership('sm')}`)
      .addSelect('sm.customer_id', 'member_customer_id')
      .addSelect('sm.added_at', 'member_since')
      .where('sm.customerId IN (:...ids)', { ids: [...customerIds] })
      .orderBy('s.key')
      .getRawAndEntities<{ s_id: number; member_customer_id: number; member_since: unknown }>();
    const byId = new Map(entities.map((s) => [s.id, s]));
    const out = new Map<number, Membership[]>();
    for (const r of raw) {
      const segment = byId.get(Number(r.s_id));
      if (segment) pushTo(out, Number(r.member_customer_id), { segment, since: fromSqlDate(r.member_since)! });
    }
    return customerIds.map((id) => out.get(id) ?? []);
  });
}

/** Member counts of many segments in one statement. */
export function segmentSizeLoader(ds: DataSource) {
  return new DataLoader<number, number>(async (segmentIds) => {
    const rows = await ds.createQueryBuilder().from(SegmentMember, 'sm')
      .select('sm.segment_id', 'sid').addSelect('COUNT(*)', 'n')
      .innerJoin('customer', 'c', 'c.id = sm.customer_id AND c.erased_at IS NULL')
      .where('sm.segmentId IN (:...ids)', { ids: [...segmentIds] })
      .andWhere(servedMembership('sm'))
      .groupBy('sm.segment_id')
      .getRawMany<{ sid: number; n: string | number }>();
    const sizes = new Map(rows.map((r) => [Number(r.sid), Number(r.n)]));
    return segmentIds.map((id) => sizes.get(id) ?? 0);
  });
}
