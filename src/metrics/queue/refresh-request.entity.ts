import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer, timestampColumn } from '../../db/column-transformers';

export enum RequestStatus { QUEUED = 'QUEUED', RUNNING = 'RUNNING', DONE = 'DONE', FAILED = 'FAILED' }

/** Milliseconds by the database's clock, as numbers (mysql2 returns BIGINT as strings). */
const msColumn = { type: 'bigint', transformer: decimalTransformer } as const;

/**
 * A refresh asked for on any replica, kept in the database until the replica holding the refresh
 * lease runs it. Its runs (model_run.request_id) were queued with it, one per plugin.
 */
@Entity('refresh_request')
export class RefreshRequest {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** The plugins asked for, comma-separated. */
  @Column({ type: 'varchar', length: 2000 })
  plugins!: string;

  @Column(timestampColumn)
  asOf!: Date;

  /** Asked for as of now: the refresh catches up with what is ingested while it runs. */
  @Column({ type: 'boolean' })
  asOfNow!: boolean;

  /** What the request would do, while it is QUEUED (then null): an identical request joins it. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  pendingKey!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: RequestStatus;

  /** How many times a leader has started it (a leader that died mid-run leaves it to be retried). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  claimedBy!: string | null;

  /** The fencing token of the lease it was claimed under. */
  @Column({ ...msColumn, nullable: true })
  claimedToken!: number | null;

  @Column(msColumn)
  requestedAtMs!: number;

  @Column({ ...msColumn, nullable: true })
  finishedAtMs!: number | null;
}
