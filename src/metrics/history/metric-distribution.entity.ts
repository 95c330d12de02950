import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../../db/column-transformers';

@ObjectType({ description: 'How many customers carried a label.' })
export class LabelCount {
  @Field(() => String) label!: string;
  @Field(() => Int) count!: number;
}

/**
 * The distribution of one metric key over the customers of one run, recorded when the run is
 * published: what metricHistory shows once the run's own values are gone.
 */
@ObjectType({ description: 'The distribution of a metric over the customers one run scored.' })
@Entity('metric_distribution')
export class MetricDistribution {
  @Field(() => ID)
  @PrimaryColumn({ type: 'integer' })
  runId!: number;

  @Field(() => String)
  @PrimaryColumn({ type: 'varchar', length: 100 })
  metricKey!: string;

  @Field(() => String, { description: 'The plugin that computed it (for a core kind routed by relationship, each route\'s runs are its own points).' })
  @Column({ type: 'varchar', length: 100 })
  plugin!: string;

  @Field(() => GraphQLISODateTime, { description: 'The run\'s observation end.' })
  @Column(timestampColumn)
  asOf!: Date;

  @Field(() => GraphQLISODateTime)
  @Column(timestampColumn)
  recordedAt!: Date;

  @Field(() => Int, { description: 'Customers with a value or a label.' })
  @Column({ type: 'integer' })
  customers!: number;

  @Field(() => Int, { description: 'Customers with a numeric value (the statistics below are over them).' })
  @Column({ type: 'integer' })
  valued!: number;

  @Field(() => Float, { nullable: true }) @Column({ type: 'double', nullable: true }) mean!: number | null;
  @Field(() => Float, { nullable: true }) @Column({ type: 'double', nullable: true }) min!: number | null;
  @Field(() => Float, { nullable: true }) @Column({ type: 'double', nullable: true }) max!: number | null;
  @Field(() => Float, { nullable: true, description: 'Nearest-rank percentiles.' }) @Column({ type: 'double', nullable: true }) p10!: number | null;
  @Field(() => Float, { nullable: true }) @Column({ type: 'double', nullable: true }) p25!: number | null;
  @Field(() => Float, { nullable: true }) @Column({ type: 'double', nullable: true }) p50!: number | null;
  @Field(() => Float, { nullable: true }) @Column({ type: 'double', nullable: true }) p75!: number | null;
  @Field(() => Float, { nullable: true }) @Column({ type: 'double', nullable: true }) p90!: number | null;

  @Field(() => [LabelCount], { description: 'Customers per label (RFM segment, value tier), most frequent first; at most 100.' })
  @Column({ type: 'simple-json' })
  labels!: LabelCount[];
}
