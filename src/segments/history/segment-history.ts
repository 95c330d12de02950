import type { DataSource } from 'typeorm';
import { toSqlDate } from '../../db/sql-date';
import { servedMembership } from '../segment-member.entity';
import type { SizeCause } from './segment-size.entity';

/**
 * Records the size of `segmentIds` (every segment when omitted) as of `at`, in one grouped
 * statement; erased customers are not counted, as `Segment.size` does not count them.
 */
export async function recordSegmentSizes(ds: DataSource, at: Date, cause: SizeCause, segmentIds?: number[]): Promise<void> {
  if (segmentIds && !segmentIds.length) return;
  const only = segmentIds ? `WHERE s.id IN (${segmentIds.map(Number).join(', ')})` : '';
  await ds.query(
    `INSERT INTO segment_size (segment_id, recorded_at, size, cause)
     SELECT s.id, ?, COUNT(c.id), ? FROM segment s
     LEFT JOIN segment_member sm ON sm.segment_id = s.id AND ${servedMembership('sm')}
     LEFT JOIN customer c ON c.id = sm.customer_id AND c.erased_at IS NULL
     ${only} GROUP BY s.id`,
    [toSqlDate(at), cause],
  );
}

/** Drops entries and exits recorded before `before` (SEGMENT_CHANGES_RETENTION_DAYS). */
export async function pruneSegmentChanges(ds: DataSource, before: Date): Promise<void> {
  await ds.query('DELETE FROM segment_change WHERE at < ?', [toSqlDate(before)]);
}
