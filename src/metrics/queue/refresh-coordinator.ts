import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { Lease, replicaName, StaleLeaderError } from '../../cluster/lease';
import { claimNextRequest } from './refresh-requests';
import type { RefreshRequest } from './refresh-request.entity';

/** How replicas share refresh work (REFRESH_LEASE_SECONDS, REFRESH_POLL_MS, REFRESH_GATHER_MS). */
export interface CoordinationOptions {
  /** How long a lease lasts without renewal: a dead leader's lease passes to another replica after it. */
  leaseMs: number;
  /** How often the replicas that do not hold the lease try to take it, and the holder looks for queued requests. */
  pollMs: number;
  /** How long a request waits before it is run, for identical requests from other replicas to join it. */
  gatherMs: number;
}

/** What the runtime does with the lease. */
export interface LeaderDuties {
  /** Runs a claimed request; `lost` is aborted if the lease is lost meanwhile. */
  execute(request: RefreshRequest, lost: AbortSignal): Promise<void>;
  /** Run once each time this replica takes the lease (recovering a predecessor's requests). */
  tookLease(): Promise<void>;
  /** Run by a started replica on each turn it holds the lease, before it claims requests (scheduled refreshes). */
  whileLeading(): Promise<void>;
}

export const REFRESH_LEASE = 'metrics-refresh';

/**
 * Runs refresh requests on whichever replica holds the refresh lease. A started replica (a server)
 * tries to take the lease every `pollMs` and keeps it, renewing it every third of its duration; a
 * replica that is not started (a CLI command, a test) takes it only to run what it queued, and
 * gives it back after. Requests are claimed one at a time, so refreshes never interleave.
 */
export class RefreshCoordinator {
  readonly lease: Lease;
  private pumping: Promise<void> | undefined;
  private loop: NodeJS.Timeout | undefined;
  private renewal: NodeJS.Timeout | undefined;
  private lost = new AbortController();
  /** When another replica was last found holding the lease (performance.now()): it is asked again after pollMs. */
  private refusedAt = -Infinity;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly log: Logger,
    readonly options: CoordinationOptions,
    private readonly duties: LeaderDuties,
  ) {
    this.lease = new Lease(ds, REFRESH_LEASE, replicaName(), options.leaseMs);
  }

  /** Whether this replica holds the refresh lease now. */
  get isLeader(): boolean {
    return this.lease.held && this.renewal !== undefined;
  }

  /** Keeps trying to take the lease, and while it holds it, runs scheduled and queued refreshes. */
  start(): void {
    this.loop = setInterval(() => void this.pump(), this.options.pollMs);
    this.loop.unref();
    void this.pump();
  }

  /**
   * Runs the queued requests here if this replica holds or can take the lease; else returns at
   * once (the holder runs them). Calls made while a pass is under way share it.
   */
  pump(): Promise<void> {
    this.pumping ??= this.drain().finally(() => { this.pumping = undefined; });
    return this.pumping;
  }

  /** Stops taking the lease, waits for the request in progress, and gives the lease up. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.loop) clearInterval(this.loop);
    await this.pumping;
    await this.giveUp();
  }

  private async drain(): Promise<void> {
    if (this.stopped || !(await this.lead())) return;
    try {
      if (this.loop) await this.duties.whileLeading();
      while (!this.stopped && this.isLeader) {
        const request = await claimNextRequest(this.ds, this.lease, this.options.gatherMs);
        if (!request) break;
        await this.duties.execute(request, this.lost.signal);
      }
    } catch (err) {
      if (err instanceof StaleLeaderError) this.lose(err.message);
      else this.log.error({ err }, 'running queued metric refreshes failed');
    } finally {
      if (!this.loop) await this.giveUp();
    }
  }

  /** Takes the lease, or keeps it; false when another replica holds it or the database could not say. */
  private async lead(): Promise<boolean> {
    if (this.isLeader) return true;
    if (performance.now() - this.refusedAt < this.options.pollMs) return false;
    try {
      const outcome = await this.lease.acquireOrRenew();
      if (outcome === 'elsewhere') {
        this.refusedAt = performance.now();
        return false;
      }
    } catch (err) {
      this.log.warn({ err }, 'could not take the refresh lease; trying again later');
      this.refusedAt = performance.now();
      return false;
    }
    await this.tookLease();
    return true;
  }

  private async tookLease(): Promise<void> {
    this.lost = new AbortController();
    this.renewal = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.options.leaseMs / 3)));
    this.renewal.unref();
    this.log.info({ replica: this.lease.owner, token: this.lease.fencingToken }, 'took the refresh lease: this replica runs metric refreshes');
    await this.duties.tookLease().catch((err) => this.log.error({ err }, 'recovering refreshes left by the previous leader failed'));
  }

  private async renew(): Promise<void> {
    try {
      const outcome = await this.lease.acquireOrRenew();
      if (outcome === 'renewed') return;
      this.lose(outcome === 'elsewhere' ? 'another replica holds the refresh lease' : 'the refresh lease expired before it was renewed');
      // Taken again after it lapsed: a new tenure, whose token the work of the old one does not carry.
      if (outcome === 'acquired') await this.tookLease();
    } catch (err) {
      if (this.lease.held) this.log.warn({ err }, 'renewing the refresh lease failed; trying again');
      else this.lose('renewals failed until the refresh lease expired');
    }
  }

  /** Stops renewing and aborts the refresh in progress, whose writes the fencing token would refuse anyway. */
  private lose(reason: string): void {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = undefined;
    this.lost.abort(new StaleLeaderError(REFRESH_LEASE, this.lease.fencingToken));
    this.log.warn({ replica: this.lease.owner, reason }, 'lost the refresh lease');
  }

  private async giveUp(): Promise<void> {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = undefined;
    await this.lease.release().catch((err) => this.log.warn({ err }, 'could not release the refresh lease; it expires by itself'));
  }
}
