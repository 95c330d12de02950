import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { rawEntities } from '../db/raw-entities';
import { Customer } from './customer.entity';

/**
 * Customers by `externalId`, one statement per batch. Keys match exactly, as the column compares
 * on every engine: a row the database returns for a key that differs only in trailing spaces
 * (MariaDB pads) is not taken for it.
 */
export function customerByExternalIdLoader(ds: DataSource) {
  return new DataLoader<string, Customer | null>(async (externalIds) => {
    const rows = await rawEntities(ds, Customer, `WHERE external_id IN (${externalIds.map(() => '?').join(', ')})`, [...externalIds]);
    const byExternalId = new Map(rows.map((c) => [c.externalId, c]));
    return externalIds.map((key) => byExternalId.get(key) ?? null);
  }, { maxBatchSize: 1000 }); // binds well under every engine's parameter limit
}
