import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SegmentKind } from '../common/enums';
import { timestampColumn } from '../db/column-transformers';

@ObjectType({ description: 'A named group of customers. STATIC segments are lists managed through mutations.' })
@Entity('segment')
export class Segment {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'Stable identifier, e.g. "vip-2026".' })
  @Column({ type: 'varchar', length: 100 })
  key!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Field(() => SegmentKind)
  @Column({ type: 'varchar', length: 16 })
  kind!: SegmentKind;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  updatedAt!: Date;
}
