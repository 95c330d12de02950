import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../../db/column-transformers';
import type { Rule } from './rule.types';

/** One version of a RULE segment's rule. A changed rule is a new version; old ones are kept. */
@ObjectType({ description: 'A version of a segment rule.' })
@Entity('segment_rule')
export class SegmentRuleVersion {
  @PrimaryColumn({ type: 'integer' })
  segmentId!: number;

  @Field(() => Int)
  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Field(() => GraphQLJSON, { description: 'The rule, in the shape of SegmentRuleInput (absent parts left out, dates as ISO-8601).' })
  @Column({ type: 'simple-json' })
  rule!: Rule;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who defined it: the API key or token subject.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  createdBy!: string | null;
}
