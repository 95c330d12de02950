import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { rawEntities } from '../db/raw-entities';
import { Segment } from './segment.entity';

/** Segments by `key`, one statement per batch; keys match exactly (see customerByExternalIdLoader). */
export function segmentByKeyLoader(ds: DataSource) {
  return new DataLoader<string, Segment | null>(async (keys) => {
    const rows = await rawEntities(ds, Segment, `WHERE ${ds.driver.escape('key')} IN (${keys.map(() => '?').join(', ')})`, [...keys]);
    const byKey = new Map(rows.map((s) => [s.key, s]));
    return keys.map((key) => byKey.get(key) ?? null);
  }, { maxBatchSize: 1000 });
}
