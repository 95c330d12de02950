import fs from 'node:fs';
import path from 'node:path';

// The CDNOW sample (test/fixtures/cdnow/README.md names its source) as the API's inputs.

export interface CdnowPurchase {
  externalId: string;
  customerExternalId: string;
  occurredAt: string;
  type: 'PURCHASE';
  amount: number;
}

/** Customer ids are `cdnow-<sample id>`; purchases at UTC midnight of their day, in file order. */
export function cdnowSample(): { customerIds: string[]; purchases: CdnowPurchase[] } {
  const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/cdnow/CDNOW_sample.txt'), 'utf8');
  const purchases = text.trim().split('\n').map((line, n) => {
    const [, sampleId, day, , dollars] = line.trim().split(/\s+/);
    return {
      externalId: `cdnow-t${n + 1}`,
      customerExternalId: `cdnow-${Number(sampleId)}`,
      occurredAt: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00.000Z`,
      type: 'PURCHASE' as const,
      amount: Number(dollars),
    };
  });
  const customerIds = [...new Set(purchases.map((p) => p.customerExternalId))];
  return { customerIds, purchases };
}

/** The published calibration summary, by customer externalId: x, t_x, T (weeks) and zbar. */
export function cdnowPublishedSummary(): Map<string, { x: number; tx: number; T: number; zbar: number }> {
  const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/cdnow/cdnow_customers_summary_with_transactions.csv'), 'utf8');
  const rows = text.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  return new Map(rows.map(([id, x, tx, T, zbar]) => [`cdnow-${id}`, { x, tx, T, zbar }]));
}
