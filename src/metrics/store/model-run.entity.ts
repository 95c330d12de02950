import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../db/column-transformers';

export enum RunStatus { QUEUED = 'QUEUED', RUNNING = 'RUNNING', SUCCEEDED = 'SUCCEEDED', FAILED = 'FAILED', SKIPPED = 'SKIPPED' }
registerEnumType(RunStatus, {
  name: 'RunStatus',
  description: 'QUEUED behind another refresh, RUNNING, then SUCCEEDED (served) or FAILED (the previous values stay served); SKIPPED: there was no customer to fit yet (an empty database), so nothing was fitted and nothing changed.',
});

/** One refresh of one plugin: what was fitted, on what data, and how it went. */
@ObjectType({ description: 'One refresh of one plugin: the fitted parameters, the observation end and the outcome.' })
@Entity('model_run')
export class ModelRun {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  plugin!: string;

  @Field(() => String, { description: 'Plugin version that ran.' })
  @Column({ type: 'varchar', length: 50, name: 'plugin_version' })
  version!: string;

  /** Comma-separated kinds and free metric keys the run produced. */
  @Column({ type: 'varchar', length: 200 })
  kinds!: string;

  @Field(() => GraphQLISODateTime, { description: 'Observation end: interactions after it were ignored.' })
  @Column(timestampColumn)
  asOf!: Date;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The fitted parameters, by name.' })
  @Column({ type: 'simple-json', nullable: true })
  params!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'What the plugin reports about the fit (convergence, counts...).' })
  @Column({ type: 'simple-json', nullable: true })
  diagnostics!: Record<string, unknown> | null;

  @Field(() => Int)
  @Column({ type: 'integer' })
  customersScored!: number;

  @Field(() => Int, { description: 'Customers whose scoring raised an error (their fields report it).' })
  @Column({ type: 'integer' })
  customersFailed!: number;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  @Field(() => RunStatus)
  @Column({ type: 'varchar', length: 16 })
  status!: RunStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  error!: string | null;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  startedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ ...timestampColumn, nullable: true })
  finishedAt!: Date | null;

  /** The refresh request the run belongs to (refresh_request): runs asked for together run together. */
  @Column({ type: 'integer', nullable: true })
  requestId!: number | null;
}
