import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../db/column-transformers';

/**
 * A customer's membership of a segment. Members of a PLUGIN segment are filed under the metric run
 * whose labels put them there (`runId`), and count only while that run is served (see
 * servedMembership); members of other segments have `runId` 0.
 */
@Entity('segment_member')
export class SegmentMember {
  @PrimaryColumn({ type: 'integer' })
  segmentId!: number;

  @PrimaryColumn({ type: 'integer', default: 0 })
  runId!: number;

  @PrimaryColumn({ type: 'integer' })
  customerId!: number;

  @Column(timestampColumn)
  addedAt!: Date;
}

/** The SQL condition that keeps, of segment_member rows aliased `alias`, the memberships in force. */
export function servedMembership(alias: string): string {
  return `(${alias}.run_id = 0 OR ${alias}.run_id IN (SELECT mc.run_id FROM metric_current mc))`;
}
