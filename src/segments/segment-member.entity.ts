import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../db/column-transformers';

@Entity('segment_member')
export class SegmentMember {
  @PrimaryColumn({ type: 'integer' })
  segmentId!: number;

  @PrimaryColumn({ type: 'integer' })
  customerId!: number;

  @Column(timestampColumn)
  addedAt!: Date;
}
