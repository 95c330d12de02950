import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** `metric_distribution`: the distribution of each metric key a run wrote, kept after the run's values are dropped (metricHistory). */
export class MetricDistribution1765600100000 implements MigrationInterface {
  name = 'MetricDistribution1765600100000';

  async up(q: QueryRunner): Promise<void> {
    const num = (name: string) => ({ name, type: 'double', isNullable: true });
    await q.createTable(new Table({
      name: 'metric_distribution',
      columns: [
        { name: 'run_id', type: 'integer', isPrimary: true },
        { name: 'metric_key', type: 'varchar', length: '100', isPrimary: true },
        { name: 'plugin', type: 'varchar', length: '100' },
        { name: 'as_of', type: 'datetime', precision: 3 },
        { name: 'recorded_at', type: 'datetime', precision: 3 },
        { name: 'customers', type: 'integer' },
        { name: 'valued', type: 'integer' },
        num('mean'), num('min'), num('max'), num('p10'), num('p25'), num('p50'), num('p75'), num('p90'),
        { name: 'labels', type: 'text' },
      ],
      indices: [new TableIndex({ columnNames: ['metric_key', 'recorded_at'] })],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('metric_distribution');
  }
}
