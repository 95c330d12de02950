import type { DataSource } from 'typeorm';
import { isMysql } from './dialect';

/**
 * Runs `work` holding the MySQL/MariaDB named lock `name` (`GET_LOCK`, qualified by the database)
 * on a connection of its own, kept until `work` settles: holders on every replica queue behind
 * each other, while `work` runs its statements on other connections. The server frees the lock if
 * the connection dies. On SQLite (one process, one connection) it just runs `work`.
 */
export async function withNamedLock<T>(ds: DataSource, name: string, waitSeconds: number, work: () => Promise<T>): Promise<T> {
  if (!isMysql(ds)) return work();
  const qualified = "LEFT(CONCAT(?, '@', DATABASE()), 64)";
  const qr = ds.createQueryRunner();
  try {
    const [{ got }] = await qr.query(`SELECT GET_LOCK(${qualified}, ?) AS got`, [name, waitSeconds]) as { got: number | string | null }[];
    if (Number(got) !== 1) throw new Error(`waited ${waitSeconds} s for the lock "${name}", held by another evaluation`);
    try {
      return await work();
    } finally {
      await qr.query(`SELECT RELEASE_LOCK(${qualified})`, [name]);
    }
  } finally {
    await qr.release();
  }
}
