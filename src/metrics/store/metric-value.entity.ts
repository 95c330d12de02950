import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../../db/column-transformers';

/**
 * One customer's value of one metric in one run. Core kinds are stored under their kind name
 * ('rfm', 'clv', 'churn') with the headline number in `value` (RFM score, CLV, churn
 * probability), the RFM segment in `label` and the whole answer in `data`, unless its details are
 * scored on read (see details-on-read: `data` is then null); free metrics under their own key.
 */
@Entity('metric_value')
export class MetricValue {
  @PrimaryColumn({ type: 'integer' })
  runId!: number;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  metricKey!: string;

  @PrimaryColumn({ type: 'integer' })
  customerId!: number;

  @Column({ type: 'double', nullable: true })
  value!: number | null;

  @Column({ type: 'varchar', length: 191, nullable: true })
  label!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  data!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  /** Observation end of this value: the run's, or the re-scoring time after an ingest. */
  @Column(timestampColumn)
  asOf!: Date;
}
