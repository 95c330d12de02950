import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SegmentKind } from '../common/enums';
import { timestampColumn } from '../db/column-transformers';

@ObjectType({ description: 'A named group of customers: a STATIC list managed through mutations, a RULE over the customer graph kept current by the server, or PLUGIN-computed.' })
// A federation entity (src/federation), referred to by its stable key.
@Directive('@key(fields: "key")')
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

  /** RULE segments: the version of segment_rule in force. */
  @Column({ type: 'integer', nullable: true })
  ruleVersion!: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'RULE segments: when the membership of every customer was last recomputed (null for other kinds).' })
  @Column({ ...timestampColumn, nullable: true })
  evaluatedAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  updatedAt!: Date;
}
