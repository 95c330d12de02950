import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { pushTo } from '../../common/multimap';
import { fromSqlDate, toSqlDate } from '../../db/sql-date';
import { type SizeCause, SegmentSize } from './segment-size.entity';

export interface HistoryKey {
  segmentId: number;
  from: Date | null;
  to: Date | null;
  last: number;
}

const window = (k: HistoryKey) => `${k.from?.toISOString() ?? ''}|${k.to?.toISOString() ?? ''}|${k.last}`;

/**
 * The last `last` sizes recorded in [from, to) of many segments, oldest first: one statement per
 * distinct window, each segment's points cut by a window function (ROW_NUMBER), not in memory.
 */
export function segmentHistoryLoader(ds: DataSource) {
  return new DataLoader<HistoryKey, SegmentSize[], string>(async (keys) => {
    const out = new Map<string, SegmentSize[]>();
    const byWindow = new Map<string, HistoryKey[]>();
    for (const k of keys) pushTo(byWindow, window(k), k);
    for (const group of byWindow.values()) {
      const { from, to, last } = group[0];
      const ids = [...new Set(group.map((k) => k.segmentId))];
      const params: unknown[] = [...ids];
      const range = [from ? 'recorded_at >= ?' : '', to ? 'recorded_at < ?' : ''].filter(Boolean);
      if (from) params.push(toSqlDate(from));
      if (to) params.push(toSqlDate(to));
      params.push(last);
      const rows = await ds.query(
        `SELECT id, segment_id, recorded_at, size, cause FROM (
           SELECT id, segment_id, recorded_at, size, cause, ROW_NUMBER() OVER (PARTITION BY segment_id ORDER BY recorded_at DESC, id DESC) AS rn
           FROM segment_size WHERE segment_id IN (${ids.map(() => '?').join(', ')})${range.map((r) => ` AND ${r}`).join('')}
         ) h WHERE rn <= ? ORDER BY recorded_at, id`,
        params,
      ) as { id: unknown; segment_id: unknown; recorded_at: unknown; size: unknown; cause: string }[];
      for (const r of rows) {
        const point = Object.assign(new SegmentSize(), {
          id: Number(r.id), segmentId: Number(r.segment_id), recordedAt: fromSqlDate(r.recorded_at)!, size: Number(r.size), cause: r.cause as SizeCause,
        });
        pushTo(out, `${point.segmentId}|${window(group[0])}`, point);
      }
    }
    return keys.map((k) => out.get(`${k.segmentId}|${window(k)}`) ?? []);
  }, { cacheKeyFn: (k) => `${k.segmentId}|${window(k)}` });
}
