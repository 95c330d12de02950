import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../../db/column-transformers';

/** Which run of a plugin readers see; replaced in one statement when a refresh succeeds. */
@Entity('metric_current')
export class MetricCurrent {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  plugin!: string;

  @Column({ type: 'integer' })
  runId!: number;

  @Column(timestampColumn)
  switchedAt!: Date;
}
