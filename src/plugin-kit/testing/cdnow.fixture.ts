import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Channel, InteractionType } from '../../common/enums';
import type { MetricInteraction } from '../../plugin-api/plugin.contract';

// Test-only reader of the CDNOW sample in test/fixtures/cdnow/ (see its README for the source).

const FOLDER = path.resolve(__dirname, '../../../test/fixtures/cdnow');

/** The end of the published 39-week calibration period. */
export const CDNOW_AS_OF = new Date('1997-09-30T00:00:00.000Z');

/** Every customer's purchases (dates as UTC midnight, dollar values), by sample id 1..2357. */
export function cdnowPurchases(): Map<number, MetricInteraction[]> {
  const byCustomer = new Map<number, MetricInteraction[]>();
  for (const line of readFileSync(path.join(FOLDER, 'CDNOW_sample.txt'), 'utf8').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    const [, id, date, , value] = fields;
    const occurredAt = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T00:00:00.000Z`);
    const list = byCustomer.get(Number(id)) ?? [];
    list.push({
      occurredAt, type: InteractionType.PURCHASE, channel: Channel.OTHER, contactLevel: null, amount: Number(value),
      currency: 'USD', margin: null, expectationScore: null, perceptionScore: null,
    });
    byCustomer.set(Number(id), list);
  }
  return byCustomer;
}

/** One row of the published calibration summary. */
export interface CdnowSummaryRow {
  id: number;
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

/** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar (weeks, 2 decimals). */
export function cdnowPublishedSummary(): CdnowSummaryRow[] {
  const [, ...rows] = readFileSync(path.join(FOLDER, 'cdnow_customers_summary_with_transactions.csv'), 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [id, x, tx, T, zbar] = row.split(',').map(Number);
    return { id, x, tx, T, zbar };
  });
}
