import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SeededRandom } from '../seed/seeded-random';

/** Writes text lines to a file, waiting when the stream's buffer is full. */
async function writeLines(file: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(line(i));
    if (chunk.length === 1000 || i === rows - 1) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  out.end();
  await once(out, 'finish');
}

/**
 * A customers file and an interactions file for the import bench, in the import's CSV columns:
 * `customers` people, `interactions` touchpoints over the two years before `endMs` (purchases
 * with amounts and margins, visits, e-mails, surveys with scores), the same for a seed.
 */
export async function writeImportFiles(customersFile: string, interactionsFile: string, customers: number, interactions: number, endMs: number, seed = 7): Promise<void> {
  const rnd = new SeededRandom(seed);
  const countries = ['VN', 'DE', 'US', 'BR', 'FR'];
  await writeLines(customersFile, 'externalId,country,acquisitionSource,acquiredAt', customers, (i) =>
    `IC-${i},${rnd.pick(countries)},${rnd.pick(['web', 'store', 'referral'])},${new Date(endMs - rnd.int(400, 900) * 86_400_000).toISOString()}`);
  const types = ['PURCHASE', 'PURCHASE', 'VISIT', 'EMAIL', 'SURVEY'];
  await writeLines(interactionsFile, 'externalId,customerExternalId,occurredAt,type,channel,amount,currency,margin,expectationScore,perceptionScore', interactions, (i) => {
    const type = rnd.pick(types);
    const at = new Date(endMs - rnd.int(1, 730) * 86_400_000 - rnd.int(0, 86_399) * 1000).toISOString();
    const money = type === 'PURCHASE' ? `${rnd.int(5, 500)},USD,${rnd.int(1, 100)}` : ',,';
    const scores = type === 'SURVEY' ? `${rnd.int(1, 10)},${rnd.int(1, 10)}` : ',';
    return `II-${i},IC-${rnd.int(0, customers - 1)},${at},${type},${rnd.pick(['WEB', 'STORE', 'EMAIL'])},${money},${scores}`;
  });
}

/**
 * MariaDB's own bulk load of an interactions file of writeImportFiles into `table` (a copy of
 * the interaction table), the reference the import is measured against: LOAD DATA LOCAL INFILE
 * into a staging table, then one INSERT ... SELECT that maps external ids to customer ids, as a
 * DBA would load it. No summaries are kept. (A per-row sub-query in LOAD DATA's SET clause, the
 * other way, ran at 500 rows/s.)
 */
export function loadDataSql(file: string, table: string): string[] {
  return [
    'DROP TABLE IF EXISTS interaction_staging',
    `CREATE TABLE interaction_staging (external_id VARCHAR(191), customer_external_id VARCHAR(191), occurred_at VARCHAR(40), type VARCHAR(32), channel VARCHAR(32),
      amount VARCHAR(40), currency VARCHAR(8), margin VARCHAR(40), expectation_score VARCHAR(40), perception_score VARCHAR(40)) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    `LOAD DATA LOCAL INFILE '${file.replace(/'/g, "''")}' INTO TABLE interaction_staging CHARACTER SET utf8mb4
      FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n' IGNORE 1 LINES`,
    `INSERT INTO ${table} (external_id, customer_id, occurred_at, type, channel, amount, currency, margin, expectation_score, perception_score, fingerprint, created_at)
      SELECT s.external_id, c.id, STR_TO_DATE(s.occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ'), s.type, s.channel, NULLIF(s.amount, ''), NULLIF(s.currency, ''), NULLIF(s.margin, ''),
        NULLIF(s.expectation_score, ''), NULLIF(s.perception_score, ''), SHA2(CONCAT_WS('|', s.external_id, s.customer_external_id, s.occurred_at, s.type), 256), NOW(3)
      FROM interaction_staging s JOIN customer c ON c.external_id = s.customer_external_id`,
    'DROP TABLE interaction_staging',
  ];
}
