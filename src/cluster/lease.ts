import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../db/unique-violation';
import { dbNowMs, forUpdate } from './db-clock';

/** A write refused because the lease it was made under has passed to another replica since. */
export class StaleLeaderError extends Error {
  readonly code = 'STALE_LEADER';
  constructor(lease: string, token: number | null) {
    super(`this replica no longer holds the ${lease} lease (fencing token ${token ?? 'none'} is stale); another replica has taken over`);
  }
}

/** What a call to `acquireOrRenew` found: this replica took the lease, kept it, or another replica holds it. */
export type LeaseOutcome = 'acquired' | 'renewed' | 'elsewhere';

interface LeaseRow { owner: string | null; token: number | string; expires: number | string; now: number | string }

/** A name for this process in lease rows and logs: host, pid and a random part (pids repeat across containers). */
export function replicaName(): string {
  return `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

/**
 * A lease on a row of `refresh_lease`, taken and renewed with ordinary transactions (a locking
 * read, then an update), so it works wherever transactions do: MySQL, MariaDB, Galera and
 * MySQL-protocol distributed databases, where `GET_LOCK` is node-local or missing. Expiry is read
 * off the database's clock. Each new holder increments the row's fencing token; a write made under
 * the lease calls `fence` in its transaction, which refuses it once the token has moved on, so a
 * leader that stalled past its expiry cannot overwrite its successor's work.
 */
export class Lease {
  private token: number | null = null;
  /** Until when (performance.now()) this replica may assume it holds the lease without renewing. */
  private heldUntil = 0;
  private rowExists = false;

  constructor(
    private readonly ds: DataSource,
    readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  /** Whether this replica holds the lease: taken or renewed less than the lease time ago and not lost since. */
  get held(): boolean {
    return this.token !== null && performance.now() < this.heldUntil;
  }

  /** The fencing token of the lease this replica holds (or held last). */
  get fencingToken(): number | null {
    return this.token;
  }

  /**
   * Takes the lease if it is free or expired, renews it if this replica holds it. Throws on a
   * database error, leaving the state as it was: the lease lapses by itself if renewals keep failing.
   */
  async acquireOrRenew(): Promise<LeaseOutcome> {
    if (!this.rowExists) await this.ensureRow();
    const started = performance.now();
    const found = await this.ds.transaction(async (m) => {
      const row = await this.read(m);
      const token = Number(row.token);
      const expires = `${Number(row.now) + this.ttlMs}`;
      if (row.owner === this.owner && token === this.token) {
        await m.query('UPDATE refresh_lease SET expires_at_ms = ? WHERE name = ?', [expires, this.name]);
        return { outcome: 'renewed' as const, token };
      }
      if (row.owner === null || Number(row.expires) < Number(row.now)) {
        await m.query('UPDATE refresh_lease SET owner = ?, token = ?, expires_at_ms = ? WHERE name = ?', [this.owner, token + 1, expires, this.name]);
        return { outcome: 'acquired' as const, token: token + 1 };
      }
      return { outcome: 'elsewhere' as const, token: null };
    });
    this.token = found.token;
    this.heldUntil = found.token === null ? 0 : started + this.ttlMs;
    return found.outcome;
  }

  /** Gives the lease up (on shutdown), so that another replica takes it at once instead of after its expiry. */
  async release(): Promise<void> {
    if (this.token === null) return;
    const token = this.token;
    this.token = null;
    this.heldUntil = 0;
    await this.ds.query('UPDATE refresh_lease SET owner = NULL, expires_at_ms = 0 WHERE name = ? AND owner = ? AND token = ?', [this.name, this.owner, token]);
  }

  /**
   * Inside a write transaction: locks the lease row and throws StaleLeaderError unless `token`
   * (by default this replica's current one; work passes the token it started under) is still the
   * row's, held by this replica. A takeover waits for the transaction, or the transaction for the
   * takeover, so a refused write is never half-applied.
   */
  async fence(m: EntityManager, token: number | null = this.token): Promise<void> {
    const row = await this.read(m);
    if (token === null || row.owner !== this.owner || Number(row.token) !== token) throw new StaleLeaderError(this.name, token);
  }

  /** The row is made by the migration; made again if something emptied the table (a benchmark's reset). */
  private async ensureRow(): Promise<void> {
    try {
      await this.ds.query('INSERT INTO refresh_lease (name, owner, token, expires_at_ms, scheduled_at_ms) VALUES (?, NULL, 0, 0, 0)', [this.name]);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    this.rowExists = true;
  }

  private async read(m: EntityManager, lock = true): Promise<LeaseRow> {
    const [row] = await m.query(
      `SELECT owner, token, expires_at_ms AS expires, ${dbNowMs(m)} AS now FROM refresh_lease WHERE name = ?${lock ? forUpdate(m) : ''}`, [this.name],
    ) as LeaseRow[];
    if (!row) throw new Error(`the lease row "${this.name}" is missing from refresh_lease: run the migrations`);
    return row;
  }
}
