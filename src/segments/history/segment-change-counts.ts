import DataLoader from 'dataloader';
import { Field, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { pushTo } from '../../common/multimap';
import { toSqlDate } from '../../db/sql-date';

@ObjectType({ description: 'How many customers entered and left a segment since a time.' })
export class SegmentChangeCounts {
  @Field(() => Int) entered!: number;
  @Field(() => Int) left!: number;
}

export interface ChangeCountsKey {
  segmentId: number;
  since: Date;
}

/**
 * Entries and exits of many segments since a time: one grouped statement per distinct `since`,
 * through the (segment_id, at) index.
 */
export function segmentChangeCountsLoader(ds: DataSource) {
  return new DataLoader<ChangeCountsKey, SegmentChangeCounts, string>(async (keys) => {
    const out = new Map<string, SegmentChangeCounts>();
    const bySince = new Map<string, ChangeCountsKey[]>();
    for (const k of keys) pushTo(bySince, k.since.toISOString(), k);
    for (const [since, group] of bySince) {
      const ids = [...new Set(group.map((k) => k.segmentId))];
      const rows = await ds.query(
        `SELECT segment_id, entered, COUNT(*) AS n FROM segment_change
         WHERE segment_id IN (${ids.map(() => '?').join(', ')}) AND at >= ? GROUP BY segment_id, entered`,
        [...ids, toSqlDate(new Date(since))],
      ) as { segment_id: unknown; entered: unknown; n: unknown }[];
      for (const id of ids) out.set(`${id}|${since}`, { entered: 0, left: 0 });
      for (const r of rows) out.get(`${Number(r.segment_id)}|${since}`)![Number(r.entered) ? 'entered' : 'left'] = Number(r.n);
    }
    return keys.map((k) => out.get(`${k.segmentId}|${k.since.toISOString()}`)!);
  }, { cacheKeyFn: (k) => `${k.segmentId}|${k.since.toISOString()}` });
}
