import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Customer } from './customer.entity';

export function customerByIdLoader(ds: DataSource) {
  return new DataLoader<number, Customer | null>(async (ids) => {
    const rows = await ds.getRepository(Customer).findBy({ id: In([...ids]) });
    const byId = new Map(rows.map((c) => [c.id, c]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
