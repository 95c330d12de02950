import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { describeDatabase, type MysqlTarget } from '../config/database-url';
import { createDataSource } from '../db/data-source';
import { isDatabaseUnavailable } from '../db/database-unavailable';
import { migrations } from '../db/migrations';
import { probeReplica, type ReplicaHealth } from '../db/replica-health.probe';
import { MetricCurrent } from '../metrics/store/metric-current.entity';

/** How often the replica is looked at (reachable, schema, replication lag). */
export const REPLICA_PROBE_INTERVAL_MS = 2_000;
/** A look that takes longer counts as the replica not answering. */
const PROBE_TIMEOUT_MS = 5_000;

export type ReadSourceName = 'primary' | 'replica';

/** A driver's error code (ER_ACCESS_DENIED_ERROR, ER_BAD_DB_ERROR...), which says what is wrong without any secret. */
function errorCode(err: unknown): string {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : 'error';
}

/** Where one operation reads: a database, and the metric runs served as that same database sees them. */
export interface ReadSource {
  name: ReadSourceName;
  ds: DataSource;
  currentRuns: () => Promise<Map<string, number>>;
}

/** The read replica as /readyz reports it. */
export interface ReplicaStatus {
  /** Whether query operations read from it now (otherwise from the primary). */
  serving: boolean;
  /** Why not, when it is not serving. */
  reason: string | null;
  lagSeconds: number | null;
}

/**
 * Picks the database that read-only work (GraphQL query operations, exports) reads from: the
 * replica of DATABASE_READ_URL while it is usable, otherwise the primary. "Usable" is checked every
 * REPLICA_PROBE_INTERVAL_MS (see probeReplica); a read that finds the replica unreachable also
 * sends the next ones to the primary at once. Without a replica, always the primary.
 */
export class ReadRouting {
  private readonly primary: ReadSource;
  private readonly replica: ReadSource | null;
  private health: ReplicaHealth = { usable: false, reason: 'not checked yet' };
  private readonly migrationNames = migrations.map((M) => new M().name ?? M.name);
  /** Failures reported by reads; a look begun before the latest one may not declare the replica usable. */
  private failures = 0;
  private probing: { started: number; done: Promise<void> } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lagUnknownLogged = false;

  constructor(primary: DataSource, primaryRuns: () => Promise<Map<string, number>>, private readonly target: MysqlTarget | null, private readonly log: Logger) {
    this.primary = { name: 'primary', ds: primary, currentRuns: primaryRuns };
    if (!target) {
      this.replica = null;
      return;
    }
    const ds = createDataSource(target, log.child({ db: 'replica' }), { readOnly: true });
    // The served runs as the replica has them, so that their values are there too; read for each
    // operation, not kept for a second as on the primary (CurrentRunsCache): a replica catching up
    // applies a switch of runs and the clean-up of the old run's values back to back.
    const currentRuns = async () => new Map((await ds.getRepository(MetricCurrent).find()).map((r) => [r.plugin, r.runId]));
    this.replica = { name: 'replica', ds, currentRuns };
  }

  /** Starts watching the replica; resolves after the first look (at most PROBE_TIMEOUT_MS), so that early requests use it already. */
  async start(): Promise<void> {
    if (!this.replica || this.timer) return;
    this.log.info({ replica: describeDatabase(this.target!) }, 'read replica configured: query operations and exports read from it while it is usable');
    this.timer = setInterval(() => this.tick(), REPLICA_PROBE_INTERVAL_MS);
    this.timer.unref();
    this.tick();
    await Promise.race([this.probing?.done, sleep(PROBE_TIMEOUT_MS, undefined, { ref: false })]);
  }

  /** The source for read-only work starting now. */
  forReads(): ReadSource {
    return this.replica && this.health.usable ? this.replica : this.primary;
  }

  /** A read on the replica found it unreachable: reads go to the primary until a look finds it usable. */
  reportFailure(err: unknown): void {
    if (!this.replica || !isDatabaseUnavailable(err)) return;
    this.failures += 1;
    this.setHealth({ usable: false, reason: 'unreachable (a query failed on it)' }, err);
  }

  /** The replica's state, or null when none is configured. */
  status(): ReplicaStatus | null {
    if (!this.replica) return null;
    const h = this.health;
    return h.usable ? { serving: true, reason: null, lagSeconds: h.lagSeconds } : { serving: false, reason: h.reason, lagSeconds: null };
  }

  /** Stops watching and closes the replica's connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    if (this.probing) await Promise.race([this.probing.done, sleep(PROBE_TIMEOUT_MS, undefined, { ref: false })]);
    if (this.replica?.ds.isInitialized) await this.replica.ds.destroy();
  }

  private tick(): void {
    if (this.stopped) return;
    if (this.probing) {
      // The last look hangs: stop reading from a replica that does not answer.
      if (Date.now() - this.probing.started > PROBE_TIMEOUT_MS) this.setHealth({ usable: false, reason: `not answering (a check has taken over ${PROBE_TIMEOUT_MS / 1000} s)` });
      return;
    }
    const probing = { started: Date.now(), done: this.look() };
    this.probing = probing;
    void probing.done.finally(() => { if (this.probing === probing) this.probing = undefined; });
  }

  private async look(): Promise<void> {
    const ds = this.replica!.ds;
    const failuresBefore = this.failures;
    let health: ReplicaHealth;
    let error: unknown;
    try {
      // Connecting is retried at every look: the replica may be down when the server starts.
      if (!ds.isInitialized) await ds.initialize();
      if (this.stopped) {
        await ds.destroy();
        return;
      }
      health = await probeReplica(ds, this.migrationNames);
    } catch (err) {
      error = err;
      health = { usable: false, reason: isDatabaseUnavailable(err) ? 'unreachable' : `its check failed (${errorCode(err)}; see the server log)` };
    }
    if (this.stopped || (health.usable && this.failures !== failuresBefore)) return;
    this.setHealth(health, error);
  }

  private setHealth(next: ReplicaHealth, err?: unknown): void {
    const before = this.health;
    this.health = next;
    if (next.usable && next.lagUnknown && !this.lagUnknownLogged) {
      this.lagUnknownLogged = true;
      this.log.warn({ why: next.lagUnknown }, 'read replica: its replication lag is not checked; queries may read data older than the primary\'s by any amount');
    }
    if (next.usable && !before.usable) this.log.info({ lagSeconds: next.lagSeconds }, 'read replica usable: query operations read from it');
    if (!next.usable && (before.usable || before.reason !== next.reason)) {
      this.log.warn({ reason: next.reason, err }, 'read replica not usable: query operations read from the primary until it is');
    }
  }
}
