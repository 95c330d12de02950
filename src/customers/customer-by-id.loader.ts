import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { entitiesById } from '../db/raw-entities';
import { Customer } from './customer.entity';

export function customerByIdLoader(ds: DataSource) {
  return new DataLoader<number, Customer | null>(async (ids) => {
    const rows = await entitiesById(ds, Customer, ids);
    const byId = new Map(rows.map((c) => [c.id, c]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
