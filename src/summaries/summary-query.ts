import type { DataSource } from 'typeorm';
import { toSqlDate } from '../db/sql-date';
import { type SummaryGroup, summaryGroupFromRow } from './summary-row';

/**
 * The one grouped statement behind a batch of summaries. Grouping by (type, channel, contact level)
 * lets a single pass feed the totals and all three breakdowns; the rest is merged in memory.
 */
export async function querySummaryGroups(ds: DataSource, customerIds: number[], baseCurrency: string, asOf?: Date): Promise<SummaryGroup[]> {
  if (customerIds.length === 0) return [];
  const qb = ds.createQueryBuilder()
    .from('interaction', 'i')
    .select('i.customer_id', 'cid')
    .addSelect('i.type', 'type')
    .addSelect('i.channel', 'channel')
    .addSelect('i.contact_level', 'level')
    .addSelect('COUNT(*)', 'n')
    .addSelect('SUM(CASE WHEN i.currency = :cur THEN i.amount ELSE 0 END)', 'amount')
    .addSelect('SUM(CASE WHEN i.currency = :cur THEN COALESCE(i.margin, 0) ELSE 0 END)', 'margin')
    .addSelect('SUM(CASE WHEN i.currency = :cur AND i.amount IS NOT NULL THEN 1 ELSE 0 END)', 'nbase')
    .addSelect('SUM(CASE WHEN i.currency = :cur AND i.margin IS NOT NULL THEN 1 ELSE 0 END)', 'nmargin')
    .addSelect('SUM(CASE WHEN i.currency <> :cur AND i.amount IS NOT NULL THEN 1 ELSE 0 END)', 'nforeign')
    .addSelect('MIN(i.occurred_at)', 'firstat')
    .addSelect('MAX(i.occurred_at)', 'lastat')
    .addSelect('SUM(i.perception_score - i.expectation_score)', 'gapsum')
    .addSelect('COUNT(i.perception_score - i.expectation_score)', 'gapn')
    .where('i.customer_id IN (:...ids)', { ids: customerIds, cur: baseCurrency })
    .groupBy('i.customer_id')
    .addGroupBy('i.type')
    .addGroupBy('i.channel')
    .addGroupBy('i.contact_level');
  // Metric refreshes observe up to asOf only; the live summary sees everything.
  if (asOf) qb.andWhere('i.occurred_at <= :asOf', { asOf: toSqlDate(asOf) });
  return (await qb.getRawMany<Record<string, unknown>>()).map(summaryGroupFromRow);
}
