import { Directive, Field, Float, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ChannelRole, Gender, Origin, Party, RelationshipKind } from '../common/enums';
import { decimalColumn, timestampColumn } from '../db/column-transformers';
import { Consent } from './consent.embedded';
import { CustomerStats } from './customer-stats.embedded';

/**
 * A person or organisation the business sells to or serves.
 * `stats` holds figures of its summary copied onto its row (see CustomerStats).
 */
@ObjectType({ description: 'A person or organisation the business sells to or serves.' })
// A federation entity (src/federation): other subgraphs may refer to a customer by either key.
@Directive('@key(fields: "id")')
@Directive('@key(fields: "externalId")')
@Entity('customer')
export class Customer {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: "The source system's key; unique. Erased customers get a placeholder." })
  @Column({ type: 'varchar', length: 191 })
  externalId!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 50, nullable: true })
  phone!: string | null;

  @Field(() => Party)
  @Column({ type: 'varchar', length: 16 })
  party!: Party;

  @Field(() => RelationshipKind)
  @Column({ type: 'varchar', length: 16 })
  relationship!: RelationshipKind;

  @Field(() => ChannelRole)
  @Column({ type: 'varchar', length: 16 })
  channelRole!: ChannelRole;

  @Field(() => Origin)
  @Column({ type: 'varchar', length: 16 })
  origin!: Origin;

  @Field(() => String, { nullable: true, description: 'ISO date (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  birthDate!: string | null;

  @Field(() => Gender, { nullable: true })
  @Column({ type: 'varchar', length: 16, nullable: true })
  gender!: Gender | null;

  @Field(() => String, { nullable: true, description: 'Free-form income band such as "50-75k".' })
  @Column({ type: 'varchar', length: 50, nullable: true })
  incomeBand!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' })
  @Column({ type: 'varchar', length: 2, nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the customer came from: campaign, referral, walk-in, partner...' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  acquisitionSource!: string | null;

  @Field(() => Float, { nullable: true, description: 'What acquiring this customer cost, in the base currency.' })
  @Column({ ...decimalColumn, nullable: true })
  acquisitionCost!: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ ...timestampColumn, nullable: true })
  acquiredAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Contractual customers: when the contract started.' })
  @Column({ ...timestampColumn, nullable: true })
  contractStartedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Contractual customers: when the contract ended (observed churn).' })
  @Column({ ...timestampColumn, nullable: true })
  contractEndedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the customer left, when known.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  churnReason!: string | null;

  @Field(() => Consent)
  @Column(() => Consent, { prefix: 'consent' })
  consent!: Consent;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Free-form attributes. Top-level scalar values can be filtered on.' })
  @Column({ type: 'simple-json', nullable: true })
  traits!: Record<string, unknown> | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Set when personal data was erased by deleteCustomer.' })
  @Column({ ...timestampColumn, nullable: true })
  erasedAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  updatedAt!: Date;

  /** Hash of the stored content; an upsert with the same hash is "unchanged". */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column(() => CustomerStats, { prefix: 'stat' })
  stats!: CustomerStats;
}
