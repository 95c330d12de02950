import { In, type EntityManager } from 'typeorm';
import { findByExternalIds } from '../db/find-by-external-ids';
import type { InputProblem } from '../common/validate-batch';
import { Customer } from './customer.entity';
import { isMysql } from '../db/dialect';


/**
 * The current rows of these customers, locked until the caller's transaction ends
 * (`SELECT ... FOR UPDATE` on MySQL/MariaDB, in id order so that two writers never wait on each
 * other in a circle). On SQLite the transaction already has the database to itself (see
 * serialiseTransactions). Locks by primary key only: no gap locks, so inserts are never held up.
 */
export async function lockCustomers(m: EntityManager, ids: readonly number[]): Promise<Map<number, Customer>> {
  const out = new Map<number, Customer>();
  for (const chunk of idChunks(ids)) {
    const rows = await m.getRepository(Customer).find({
      where: { id: In(chunk) },
      order: { id: 'ASC' },
      ...(isMysql(m) ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    for (const c of rows) out.set(c.id, c);
  }
  return out;
}

/**
 * Which of these customers are erased, their rows share-locked until the caller's transaction
 * ends. For writers of what is derived from a customer (metric values): an erasure locks its
 * customer first, so it either committed before (and is seen here: skip the customer) or waits
 * for this transaction and then removes what it wrote.
 */
export async function erasedAmong(m: EntityManager, ids: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  // LOCK IN SHARE MODE, which MariaDB and MySQL both read (TypeORM writes MySQL 8's FOR SHARE).
  // Every row is read and locked, erased or not, and filtered here: under READ COMMITTED InnoDB
  // may release the locks of rows a WHERE clause rejects, and an erasure could then slip in.
  const lock = isMysql(m) ? ' LOCK IN SHARE MODE' : '';
  for (const chunk of idChunks(ids)) {
    const rows = await m.query(
      `SELECT id, erased_at AS erasedAt FROM customer WHERE id IN (${chunk.map(() => '?').join(', ')}) ORDER BY id${lock}`, chunk,
    ) as { id: number | string; erasedAt: unknown }[];
    for (const r of rows) if (r.erasedAt !== null) out.add(Number(r.id));
  }
  return out;
}

/** Distinct ids in ascending order (so that two lockers never wait on each other in a circle), 500 at a time. */
function idChunks(ids: readonly number[]): number[][] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out: number[][] = [];
  for (let i = 0; i < sorted.length; i += 500) out.push(sorted.slice(i, i + 500));
  return out;
}

/** Live customers by external id, locked for the transaction, and the keys whose customer was erased meanwhile. */
export interface LockedCustomers {
  byExternalId: Map<string, Customer>;
  /** Found by this key, then erased by a concurrent deleteCustomer before the lock was had. */
  erasedMeanwhile: Set<string>;
}

/**
 * Looks customers up by external id and locks them, so that an erasure cannot slip in between
 * reading a customer and writing to it (it waits for this transaction, then erases what it wrote).
 * A customer erased between the lookup and the lock is reported, not returned: writing to it
 * would bring personal data back onto an erased record. Erased customers are never returned.
 * Meant for writeTransaction, whose reads after the lock see what the previous holder committed.
 */
export async function lockCustomersByExternalId(m: EntityManager, externalIds: string[]): Promise<LockedCustomers> {
  const found = [...(await findByExternalIds(m, Customer, externalIds)).entries()].filter(([, c]) => !c.erasedAt);
  const locked = await lockCustomers(m, found.map(([, c]) => c.id));
  const byExternalId = new Map<string, Customer>();
  const erasedMeanwhile = new Set<string>();
  for (const [key, seen] of found) {
    const now = locked.get(seen.id);
    if (now && !now.erasedAt && now.externalId === key) byExternalId.set(key, now);
    else erasedMeanwhile.add(key);
  }
  return { byExternalId, erasedMeanwhile };
}

/**
 * The refusal of items that name a customer erased while the request ran (see
 * lockCustomersByExternalId): a CONFLICT per item, so the batch writes nothing.
 */
export function erasedMeanwhileProblems(keys: readonly string[], erased: ReadonlySet<string>, field?: string): InputProblem[] {
  if (!erased.size) return [];
  return keys.flatMap((key, index) => (erased.has(key)
    ? [{ index, field, message: `customer "${key}" was erased while this request ran; an erased customer takes no new data (send it again to create a new customer under this key)` }]
    : []));
}
