import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createLogger } from '../src/common/logger';
import { isMysql } from '../src/db/dialect';
import { openDatabase } from '../src/db/open-database';
import { createTestDatabase, type TestDatabase } from './support/test-database';

// The schema stays within what MySQL-protocol distributed engines (TiDB, Vitess) and Galera
// clusters run as they run on one MySQL server (README, "Beyond one database server").

const AVOIDED: [RegExp, string][] = [
  [/\bCREATE\s+(?:DEFINER\s*=\s*\S+\s+)?(?:TRIGGER|PROCEDURE|FUNCTION|EVENT)\b/i, 'stored programs (triggers, procedures, functions, events): missing or limited on TiDB and Vitess'],
  [/\bFULLTEXT\b|\bSPATIAL\b|\bisFulltext\b|\bisSpatial\b/, 'FULLTEXT and SPATIAL indexes: not on TiDB'],
  [/\bENGINE\s*=/i, 'a storage engine other than the default: Galera replicates InnoDB only'],
  [/\bGET_LOCK\b|\bLOCK\s+TABLES?\b/i, 'named and table locks: node-local on Galera, missing on Vitess'],
  [/\bXA\s+(?:START|BEGIN)\b/i, 'XA transactions'],
  [/\bAUTO_INCREMENT\s*=/i, 'AUTO_INCREMENT start values: distributed engines hand out ids in per-node ranges'],
  [/\bPARTITION\s+BY\b/i, 'table partitioning: the distributed engine shards, the schema does not'],
];

/** What a migration's source uses that the schema avoids. */
function avoidedIn(source: string): string[] {
  return AVOIDED.filter(([re]) => re.test(source)).map(([, why]) => why);
}

const dir = path.resolve(__dirname, '../src/db/migrations');
const files = fs.readdirSync(dir).filter((f) => /^\d+-.+\.ts$/.test(f));

describe('migrations', () => {
  it('use none of the SQL features avoided for distributed MySQL-protocol engines', () => {
    expect(files.length).toBeGreaterThan(10);
    const problems = files.flatMap((f) => avoidedIn(fs.readFileSync(path.join(dir, f), 'utf8')).map((why) => `${f}: ${why}`));
    expect(problems).toEqual([]);
  });

  it('are checked by a scan that finds each avoided feature', () => {
    const samples = ['CREATE TRIGGER t BEFORE INSERT', 'CREATE DEFINER=`root`@`%` PROCEDURE p()', "new TableIndex({ columnNames: ['name'], isFulltext: true })",
      'ENGINE=MyISAM', 'SELECT GET_LOCK(?, 5)', 'LOCK TABLES customer WRITE', 'XA START', 'AUTO_INCREMENT = 1000', 'PARTITION BY HASH(id)'];
    expect(samples.map((s) => avoidedIn(s).length)).toEqual(samples.map(() => 1));
    expect(avoidedIn("await q.createTable(new Table({ name: 'segment', columns: [{ name: 'id', type: 'integer', isPrimary: true }] }))")).toEqual([]);
  });
});

describe('the migrated schema', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openDatabase(db.target, createLogger('silent'));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('gives every table a primary key (Galera and TiDB need one to replicate and place rows)', async () => {
    const keyless = isMysql(ds)
      ? await ds.query(`SELECT t.table_name AS name FROM information_schema.tables t WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'
          AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')`)
      : await ds.query("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.pk > 0)");
    expect(keyless).toEqual([]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('has no triggers or stored routines, and only InnoDB tables', async () => {
    expect(await ds.query('SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE()')).toEqual([]);
    expect(await ds.query('SELECT routine_name FROM information_schema.routines WHERE routine_schema = DATABASE()')).toEqual([]);
    expect(await ds.query("SELECT table_name, engine FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND engine <> 'InnoDB'")).toEqual([]);
  });
});
