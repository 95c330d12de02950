import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { Customer } from '../customers/customer.entity';

/** Seeds demo data on the first start of the embedded database (no customers yet). */
export async function seedIfEmpty(ds: DataSource, config: AppConfig, log: Logger): Promise<void> {
  if ((await ds.getRepository(Customer).count()) > 0) return;
  const { seedDemoData } = await import('./seed-demo-data');
  log.info('empty embedded database: seeding demo data (first run only)');
  const stats = await seedDemoData(ds, config, { customers: config.demo.customers, seed: config.demo.seed });
  log.info(stats, 'demo data seeded');
}
