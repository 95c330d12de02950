import type { DataSource } from 'typeorm';
import { InteractionType } from '../../common/enums';
import { fromSqlNumber, toSqlDate } from '../../db/sql-date';

/** What one customer did, on both sides of the calibration end. */
export interface CustomerActuals {
  /** Distinct UTC days with a purchase at or before calibrationEnd (repeat purchases = this - 1). */
  calibrationDays: number;
  /** Distinct UTC days with a purchase in (calibrationEnd, holdoutEnd]: the BTYD transaction count. */
  holdoutTransactions: number;
  /** Base-currency purchase amounts in (calibrationEnd, holdoutEnd]. */
  holdoutSpend: number;
  /** Distinct UTC days with a purchase in (calibrationEnd, checkpoint] for each of the window's checkpoints (none: no purchase in the holdout). */
  byCheckpoint?: number[];
}

export interface ActualsWindow {
  calibrationEnd: Date;
  holdoutEnd: Date;
  currency: string;
  /** Times in the holdout, ascending, the purchases up to which are counted too (the cumulative curve). */
  checkpoints?: Date[];
}

/**
 * The actuals of a batch of customers from one grouped statement over their purchases (served by
 * the (customer_id, type, ..., occurred_at, currency, amount) index). Customers without any
 * purchase up to holdoutEnd are absent from the map.
 */
export async function queryHoldoutActuals(ds: DataSource, customerIds: number[], w: ActualsWindow): Promise<Map<number, CustomerActuals>> {
  const out = new Map<number, CustomerActuals>();
  if (!customerIds.length) return out;
  // DATE() of a UTC timestamp is its UTC day on both SQLite (text) and MySQL (DATETIME in UTC).
  const checkpoints = w.checkpoints ?? [];
  const qb = ds.createQueryBuilder()
    .from('interaction', 'i')
    .select('i.customer_id', 'cid')
    .addSelect('COUNT(DISTINCT CASE WHEN i.occurred_at <= :cal THEN DATE(i.occurred_at) END)', 'caldays')
    .addSelect('COUNT(DISTINCT CASE WHEN i.occurred_at > :cal THEN DATE(i.occurred_at) END)', 'hodays')
    .addSelect('SUM(CASE WHEN i.occurred_at > :cal AND i.currency = :cur THEN i.amount ELSE 0 END)', 'spend')
    .where('i.customer_id IN (:...ids)', { ids: customerIds })
    .andWhere('i.type = :purchase', { purchase: InteractionType.PURCHASE })
    .andWhere('i.occurred_at <= :end', { end: toSqlDate(w.holdoutEnd) })
    .setParameters({ cal: toSqlDate(w.calibrationEnd), cur: w.currency })
    .groupBy('i.customer_id');
  checkpoints.forEach((at, j) => {
    qb.addSelect(`COUNT(DISTINCT CASE WHEN i.occurred_at > :cal AND i.occurred_at <= :cp${j} THEN DATE(i.occurred_at) END)`, `cp${j}`).setParameter(`cp${j}`, toSqlDate(at));
  });
  const rows = await qb.getRawMany<Record<string, unknown>>();
  for (const r of rows) {
    out.set(Number(r.cid), {
      calibrationDays: fromSqlNumber(r.caldays) ?? 0,
      holdoutTransactions: fromSqlNumber(r.hodays) ?? 0,
      holdoutSpend: fromSqlNumber(r.spend) ?? 0,
      byCheckpoint: checkpoints.map((_, j) => fromSqlNumber(r[`cp${j}`]) ?? 0),
    });
  }
  return out;
}
