import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../alter-columns';
import { isMysql } from '../dialect';

/** The summary figures copied onto the customer row besides the four it had, and their type. */
const FIGURES: [string, 'money' | 'int' | 'double' | 'time'][] = [
  ['gross_revenue', 'money'], ['refunded_amount', 'money'], ['refund_count', 'int'], ['purchase_margin', 'money'],
  ['refund_margin', 'money'], ['base_purchase_count', 'int'], ['interaction_count', 'int'], ['purchase_days', 'int'],
  ['scored_survey_count', 'int'], ['satisfaction_gap_sum', 'double'], ['first_purchase_at', 'time'], ['first_interaction_at', 'time'],
];

/**
 * Twelve more `customer_summary` figures copied onto the customer row (`stat_<figure>`), so that
 * a rule segment over summary figures reads the customer table alone (see CustomerStats), filled
 * here from the stored summaries (customers without one keep the defaults: no interactions).
 */
export class SummaryFiguresOnCustomer1765800000000 implements MigrationInterface {
  name = 'SummaryFiguresOnCustomer1765800000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = isMysql(q);
    const type = { money: 'DECIMAL(28,4) NOT NULL DEFAULT 0', int: 'INTEGER NOT NULL DEFAULT 0', double: 'DOUBLE NOT NULL DEFAULT 0', time: mysql ? 'DATETIME(3) NULL' : 'datetime(3) NULL' };
    await addColumns(q, 'customer', FIGURES.map(([f, t]) => `stat_${f} ${type[t]}`));
    await q.query(mysql
      ? `UPDATE customer c JOIN customer_summary s ON s.customer_id = c.id SET ${FIGURES.map(([f]) => `c.stat_${f} = s.${f}`).join(', ')}`
      : `UPDATE customer SET ${FIGURES.map(([f]) => `stat_${f} = s.${f}`).join(', ')} FROM customer_summary s WHERE s.customer_id = customer.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropColumns(q, 'customer', FIGURES.map(([f]) => `stat_${f}`));
  }
}
