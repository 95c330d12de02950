import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../db/column-transformers';

export enum SizeCause { REFRESH = 'REFRESH', RULE_CHANGED = 'RULE_CHANGED' }
registerEnumType(SizeCause, {
  name: 'SegmentSizeCause',
  description: 'REFRESH: recorded for every segment after a metric refresh; RULE_CHANGED: a rule segment was created or its rule changed.',
});

/** A segment's size at one moment: the points of Segment.history. */
@ObjectType({ description: 'A segment\'s size at a moment.' })
@Entity('segment_size')
export class SegmentSize {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  segmentId!: number;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  recordedAt!: Date;

  @Field(() => Int, { description: 'Members then (erased customers not counted).' })
  @Column({ type: 'integer' })
  size!: number;

  @Field(() => SizeCause)
  @Column({ type: 'varchar', length: 16 })
  cause!: SizeCause;
}
