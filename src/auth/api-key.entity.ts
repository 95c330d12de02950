import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../db/column-transformers';

/** An API key as stored: its prefix and the SHA-256 of the whole key, never the key itself. */
@ObjectType({ description: 'An API key. The key itself is shown once, when it is created; only its prefix is kept readable.' })
@Entity('api_key')
export class ApiKey {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'The first characters of the key: how to tell keys apart and revoke one.' })
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ type: 'varchar', length: 64 })
  secretHash!: string;

  /** Comma-separated role names. */
  @Column({ type: 'varchar', length: 100 })
  roles!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  label!: string;

  @Field(() => String, { description: 'Who created it: the creating key\'s prefix, a token subject, or "cli".' })
  @Column({ type: 'varchar', length: 200 })
  createdBy!: string;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Updated at most once a minute.' })
  @Column({ ...timestampColumn, nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ ...timestampColumn, nullable: true })
  revokedAt!: Date | null;
}
