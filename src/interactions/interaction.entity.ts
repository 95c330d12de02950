import { Field, Float, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Channel, ContactLevel, InteractionType } from '../common/enums';
import { decimalColumn, timestampColumn } from '../db/column-transformers';

/** One touchpoint between a customer and the business. Amounts are never negative: the type gives the sign. */
@ObjectType({ description: 'One touchpoint between a customer and the business.' })
@Entity('interaction')
export class Interaction {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: "The source system's key; unique. Re-sending it never double-counts." })
  @Column({ type: 'varchar', length: 191 })
  externalId!: string;

  @Column({ type: 'integer' })
  customerId!: number;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  occurredAt!: Date;

  @Field(() => InteractionType)
  @Column({ type: 'varchar', length: 24 })
  type!: InteractionType;

  @Field(() => Channel)
  @Column({ type: 'varchar', length: 16 })
  channel!: Channel;

  @Field(() => ContactLevel, { nullable: true })
  @Column({ type: 'varchar', length: 8, nullable: true })
  contactLevel!: ContactLevel | null;

  @Field(() => Float, { nullable: true, description: 'Money amount (>= 0). For a REFUND, the amount refunded.' })
  @Column({ ...decimalColumn, nullable: true })
  amount!: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code of amount and margin.' })
  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  @Field(() => Float, { nullable: true, description: 'Profit on this interaction (may be negative). For a REFUND, the margin given back.' })
  @Column({ ...decimalColumn, nullable: true })
  margin!: number | null;

  @Field(() => Float, { nullable: true, description: 'Survey: what the customer expected (E).' })
  @Column({ type: 'double', nullable: true })
  expectationScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'Survey: what the customer perceived (P). P >= E means satisfied.' })
  @Column({ type: 'double', nullable: true })
  perceptionScore!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Column({ type: 'simple-json', nullable: true })
  metadata!: Record<string, unknown> | null;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  createdAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;
}
