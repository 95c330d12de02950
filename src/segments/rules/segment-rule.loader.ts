import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { groupBy } from '../../common/multimap';
import { SegmentRuleVersion } from './segment-rule.entity';

/** Every rule version of many segments, newest first, in one statement. */
export function segmentRuleVersionsLoader(ds: DataSource) {
  return new DataLoader<number, SegmentRuleVersion[]>(async (segmentIds) => {
    const rows = await ds.getRepository(SegmentRuleVersion).find({ where: { segmentId: In([...segmentIds]) }, order: { version: 'DESC' } });
    const bySegment = groupBy(rows, (r) => r.segmentId);
    return segmentIds.map((id) => bySegment.get(id) ?? []);
  });
}
