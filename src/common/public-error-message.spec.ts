import { DataSource, EntityNotFoundError, QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { ModelFitError } from '../plugin-kit/btyd/model-fit-error';
import { isDriverError, publicErrorMessage } from './public-error-message';

const failure = { code: 'REFRESH_FAILED', what: 'the refresh of plugin rfm failed while publishing', ref: 'run id 7' };
const masked = 'REFRESH_FAILED: the refresh of plugin rfm failed while publishing; the server log has the details (run id 7)';

/** A unique violation on SQLite, as TypeORM throws it (a QueryFailedError around better-sqlite3's SqliteError). */
async function sqliteError(): Promise<QueryFailedError> {
  const ds = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
  try {
    await ds.query('CREATE TABLE segment (k TEXT)');
    await ds.query('CREATE UNIQUE INDEX IDX_segment_key ON segment (k)');
    await ds.query("INSERT INTO segment VALUES ('rfm-champions'), ('rfm-champions')");
  } catch (err) {
    return err as QueryFailedError;
  } finally {
    await ds.destroy();
  }
  throw new Error('expected a unique violation');
}

/** What mysql2 throws for a duplicate key. */
function mysqlError(): Error {
  return Object.assign(new Error("Duplicate entry 'rfm-champions' for key 'IDX_segment_key'"), {
    code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000', sql: "INSERT INTO `segment` (`key`) VALUES ('rfm-champions')",
  });
}

describe('publicErrorMessage', () => {
  it('replaces errors of the drivers and of TypeORM by the coded message', async () => {
    const onSqlite = await sqliteError();
    expect(onSqlite.message).toContain('UNIQUE constraint failed');
    const driverErrors: [string, unknown][] = [
      ['QueryFailedError (SQLite)', onSqlite],
      ['better-sqlite3', onSqlite.driverError],
      ['mysql2', mysqlError()],
      ['QueryFailedError', new QueryFailedError('INSERT INTO segment ...', [], mysqlError())],
      ['TypeORM', new EntityNotFoundError('Segment', { key: 'x' })],
      ['connection lost', Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' })],
      ['socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', syscall: 'connect' })],
      ['wrapped', new Error('publishing failed', { cause: mysqlError() })],
      ['as text', 'SqliteError: no such table: customer_summary'],
      ['as text (MariaDB)', "Table 'cg_test.customer_summary' doesn't exist"],
    ];
    for (const [what, err] of driverErrors) {
      expect(isDriverError(err), what).toBe(true);
      expect(publicErrorMessage(err, failure), what).toBe(masked);
    }
  });

  it("keeps the message of any other error: a plugin's own, a thrown string, a non-Error", () => {
    expect(publicErrorMessage(new ModelFitError('BG/NBD', 'only 3 of 40 customers repeat'), failure)).toBe('BG/NBD fit failed: only 3 of 40 customers repeat');
    expect(publicErrorMessage(new Error('the likelihood did not converge'), failure)).toBe('the likelihood did not converge');
    expect(publicErrorMessage('cannot score C-1', failure)).toBe('cannot score C-1');
    expect(publicErrorMessage(42, failure)).toBe('42');
    expect(publicErrorMessage(Object.assign(new Error('bad config'), { code: 'PLUGIN_CONFIG' }), failure)).toBe('bad config');
  });

  it('bounds the length, and leaves the reference out when there is none', () => {
    expect(publicErrorMessage(new Error('x'.repeat(3000)), failure)).toHaveLength(2000);
    expect(publicErrorMessage(mysqlError(), { code: 'SCORE_FAILED', what: 'plugin rfm failed for this customer' }))
      .toBe('SCORE_FAILED: plugin rfm failed for this customer; the server log has the details');
  });
});
