import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../db/column-transformers';

/** One write or erasure: who, which operation, how many items, when. Never the data itself. */
@ObjectType({ description: 'One write, erasure or administrative action: who did it, what, how many items and when. Never personal data.' })
@Entity('audit_log')
export class AuditEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  at!: Date;

  @Field(() => String, { description: 'The key prefix, "jwt:<issuer>#<subject>", "cli" or "auth-disabled".' })
  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Field(() => String, { description: 'The key\'s label or the token\'s subject.' })
  @Column({ type: 'varchar', length: 200 })
  actorLabel!: string;

  @Field(() => String, { description: 'The caller\'s roles, comma-separated.' })
  @Column({ type: 'varchar', length: 100 })
  roles!: string;

  @Field(() => String, { description: 'The mutation or command, e.g. "upsertCustomers".' })
  @Column({ type: 'varchar', length: 100 })
  operation!: string;

  @Field(() => String, { description: 'ok, or the error code that refused it.' })
  @Column({ type: 'varchar', length: 40 })
  outcome!: string;

  /** JSON of item counts, e.g. {"items":1000}. */
  @Column({ type: 'varchar', length: 1000, name: 'counts' })
  countsJson!: string;

  @Field(() => GraphQLJSONObject, { description: 'How many items the operation carried or changed, e.g. {"items": 1000}.' })
  get counts(): Record<string, number> {
    return JSON.parse(this.countsJson) as Record<string, number>;
  }

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  requestId!: string;
}
