import { createHmac, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isMysql } from '../db/dialect';

const SECRET_NAME = 'pseudonym-key';

/** Turns a personal value into a stable token that joins like the value and reveals nothing of it. */
export type Pseudonymizer = (value: string) => string;

/**
 * The key is made once per database and kept in it, so every replica issues the same tokens and
 * they stay stable across restarts. Whoever can read the database can link tokens to values; an
 * API caller cannot.
 */
export async function loadPseudonymizer(ds: DataSource): Promise<Pseudonymizer> {
  const read = async () => (await ds.query('SELECT value FROM server_secret WHERE name = ?', [SECRET_NAME]) as { value: string }[])[0]?.value;
  let secret = await read();
  if (!secret) {
    // Two replicas starting together may both try; the primary key keeps one, and both read it back.
    const insertIgnore = isMysql(ds) ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    await ds.query(`${insertIgnore} INTO server_secret (name, value) VALUES (?, ?)`, [SECRET_NAME, randomBytes(32).toString('hex')]);
    secret = (await read())!;
  }
  const key = Buffer.from(secret, 'hex');
  return (value) => `anon_${createHmac('sha256', key).update(value.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 24)}`;
}
