import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../db/column-transformers';

/** A customer entering (`entered`) or leaving a segment. */
@ObjectType('SegmentChange', { description: 'A customer entering or leaving a segment.' })
@Entity('segment_change')
export class SegmentChange {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  segmentId!: number;

  @Column({ type: 'integer' })
  customerId!: number;

  @Field(() => Boolean, { description: 'True: the customer entered; false: left.' })
  @Column({ type: 'boolean' })
  entered!: boolean;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  at!: Date;
}
