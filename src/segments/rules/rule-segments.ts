import type { Logger } from 'pino';
import { IsNull, type DataSource } from 'typeorm';
import { SegmentKind } from '../../common/enums';
import { inLanes } from '../../common/in-lanes';
import { customerIdRanges } from '../../db/customer-id-ranges';
import { isMysql } from '../../db/dialect';
import { withNamedLock } from '../../db/named-lock';
import { servedRunsByKey } from '../../metrics/host/metric-sources';
import type { MetricsRuntime } from '../../metrics/host/metrics-runtime';
import { pruneSegmentChanges, recordSegmentSizes } from '../history/segment-history';
import { SizeCause } from '../history/segment-size.entity';
import { Segment } from '../segment.entity';
import { evaluateMembership, type CustomerScope, type MembershipDelta } from './rule-evaluation';
import type { RuleSqlScope } from './rule-sql';
import { type Rule, readsLinks, referencedSegments } from './rule.types';
import { SegmentRuleVersion } from './segment-rule.entity';

/** Customers per full-pass chunk (one transaction each): on SQLite each statement holds the request thread. */
const CHUNK = { mysql: 100_000, sqlite: 2_000 };
/** Customers per statement when re-evaluating those an ingest touched. */
const IDS_PER_STATEMENT = 1_000;
/** How long an evaluation waits for another evaluation of the same segment (on any replica). */
const LOCK_WAIT_SECONDS = 300;

/** A RULE segment with the rule in force. */
export interface RuleSegment {
  id: number;
  key: string;
  rule: Rule;
}

export interface RuleSegmentsOptions {
  /** Minutes between full re-evaluations, for rules that depend on time ("no purchase in 90 days"); 0: only after refreshes. */
  intervalMinutes: number;
  /** Days entries and exits are kept for `Segment.changes`. */
  changesRetentionDays: number;
  /** Customer ranges of one segment evaluated at once, each on its own connection (MySQL/MariaDB; SQLite: one). */
  concurrency: number;
}

/**
 * Keeps RULE segments current: a full pass after every metric refresh (rules read metric values)
 * and on a timer (rules read the clock), and the customers an ingest touched right after it.
 * Evaluations run one at a time in this process, rule segments in dependency order (a rule that
 * reads segment X runs after X's own rule), each in set-based statements (see evaluateMembership),
 * the customer ranges of a full pass `concurrency` at a time. A full pass holds the segment's named
 * lock, so passes over one segment on several replicas queue; the customers an ingest touched
 * are evaluated under the segment row's lock alone (see evaluateMembership), with no extra
 * connection or statement on the write path.
 * After each refresh it also records every segment's size (Segment.history).
 */
export class RuleSegments {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly metrics: MetricsRuntime,
    private readonly log: Logger,
    private readonly options: RuleSegmentsOptions,
  ) {}

  start(): void {
    this.metrics.onRefreshed(() => this.afterRefresh());
    // Rule segments never evaluated (stored by the demo seed, or left by a stopped server) get members now.
    void this.ds.getRepository(Segment).find({ select: { key: true }, where: { kind: SegmentKind.RULE, evaluatedAt: IsNull() } })
      .then((pending) => (pending.length ? this.evaluateAll(pending.map((s) => s.key)) : undefined))
      .catch((err) => this.log.error({ err }, 'evaluating new rule segments failed'));
    if (this.options.intervalMinutes > 0) {
      this.timer = setInterval(() => {
        // One replica's pass is enough: the one that runs the refreshes (writes re-evaluate where they land).
        if (!this.metrics.coordinator.isLeader) return;
        this.evaluateAll().catch((err) => this.log.error({ err }, 'scheduled rule segment evaluation failed'));
      }, this.options.intervalMinutes * 60_000);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.queue.catch(() => undefined);
  }

  /** Every RULE segment with its rule in force, in evaluation order. */
  async ruleSegments(): Promise<RuleSegment[]> {
    const rows = await this.ds.getRepository(Segment).createQueryBuilder('s')
      .innerJoin(SegmentRuleVersion, 'r', 'r.segmentId = s.id AND r.version = s.ruleVersion')
      .select(['s.id AS id', 's.key AS seg_key', 'r.rule AS rule'])
      .where('s.kind = :kind', { kind: SegmentKind.RULE })
      .getRawMany<{ id: number | string; seg_key: string; rule: string }>();
    return evaluationOrder(rows.map((r) => ({ id: Number(r.id), key: r.seg_key, rule: JSON.parse(r.rule) as Rule })));
  }

  /** Recomputes every RULE segment (or those named) over every customer; returns the changes by key. */
  evaluateAll(keys?: string[]): Promise<Map<string, MembershipDelta>> {
    return this.serial(async () => {
      const out = new Map<string, MembershipDelta>();
      const all = await this.ruleSegments();
      const scope = await this.sqlScope();
      const lanes = isMysql(this.ds) ? this.options.concurrency : 1;
      const ranges: [number, number][] = [];
      for await (const range of customerIdRanges(this.ds, CHUNK, lanes)) ranges.push(range);
      for (const seg of all) {
        if (keys && !keys.includes(seg.key)) continue;
        const total = { entered: 0, left: 0 };
        await this.exclusively(seg, () => inLanes(ranges, lanes, async ([from, to]) => {
          if (this.stopped) return;
          const d = await evaluateMembership(this.ds, seg.id, seg.rule, scope, { from, to }, scope.now);
          total.entered += d.entered;
          total.left += d.left;
        }));
        if (this.stopped) return out;
        await this.ds.getRepository(Segment).update({ id: seg.id }, { evaluatedAt: scope.now });
        out.set(seg.key, total);
      }
      return out;
    });
  }

  /**
   * Recomputes the customers an ingest or a segment edit touched (and, for rules that read links,
   * the customers linked to them) in every RULE segment. Failures are logged: the write is
   * committed, and the next full pass catches up.
   */
  async afterChange(customerIds: number[]): Promise<void> {
    if (!customerIds.length) return;
    await this.serial(async () => {
      const all = await this.ruleSegments();
      if (!all.length) return;
      const scope = await this.sqlScope();
      const linked = all.some((s) => readsLinks(s.rule)) ? await this.linkedTo(customerIds) : [];
      const ids = [...new Set([...customerIds, ...linked])];
      for (const seg of all) {
        const mine = readsLinks(seg.rule) ? ids : customerIds;
        for (let i = 0; i < mine.length; i += IDS_PER_STATEMENT) {
          await evaluateMembership(this.ds, seg.id, seg.rule, scope, { ids: mine.slice(i, i + IDS_PER_STATEMENT) } satisfies CustomerScope, scope.now);
        }
      }
    }).catch((err) => this.log.error({ err }, 'rule segment re-evaluation after a change failed'));
  }

  /** After a metric refresh: every rule segment re-evaluated, every segment's size recorded, old changes pruned. */
  private async afterRefresh(): Promise<void> {
    await this.evaluateAll();
    await this.serial(async () => {
      const now = new Date();
      await recordSegmentSizes(this.ds, now, SizeCause.REFRESH);
      await pruneSegmentChanges(this.ds, new Date(now.getTime() - this.options.changesRetentionDays * 86_400_000));
    });
  }

  /** Runs `work` holding the segment's named lock: no other full pass over it, on any replica, runs meanwhile. */
  private exclusively<T>(seg: RuleSegment, work: () => Promise<T>): Promise<T> {
    return withNamedLock(this.ds, `rule-segment:${seg.id}`, LOCK_WAIT_SECONDS, work);
  }

  /** Runs `work` after every evaluation queued before it. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async sqlScope(now = new Date()): Promise<RuleSqlScope> {
    const segments = await this.ds.getRepository(Segment).find({ select: { id: true, key: true } });
    return {
      mysql: isMysql(this.ds),
      now,
      metricRuns: servedRunsByKey(this.metrics.setup, await this.metrics.currentRuns.get()),
      segmentIds: new Map(segments.map((s) => [s.key, s.id])),
    };
  }

  /** The customers at the other end of any link from or to these customers. */
  private async linkedTo(customerIds: number[]): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < customerIds.length; i += IDS_PER_STATEMENT) {
      const list = customerIds.slice(i, i + IDS_PER_STATEMENT).map(Number).join(', ');
      const rows = await this.ds.query(
        `SELECT to_customer_id AS id FROM customer_link WHERE from_customer_id IN (${list})
         UNION SELECT from_customer_id AS id FROM customer_link WHERE to_customer_id IN (${list})`,
      ) as { id: number | string }[];
      out.push(...rows.map((r) => Number(r.id)));
    }
    return out;
  }
}

/**
 * Rule segments ordered so that each comes after the rule segments its rule reads. Definitions
 * refuse cycles (see findCycle); one found here anyway (edited in the database) is evaluated in
 * key order rather than never.
 */
export function evaluationOrder(segments: RuleSegment[]): RuleSegment[] {
  const byKey = new Map(segments.map((s) => [s.key, s]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: RuleSegment[] = [];
  const visit = (s: RuleSegment) => {
    if (done.has(s.key) || visiting.has(s.key)) return;
    visiting.add(s.key);
    for (const dep of referencedSegments(s.rule)) {
      const d = byKey.get(dep);
      if (d) visit(d);
    }
    visiting.delete(s.key);
    done.add(s.key);
    out.push(s);
  };
  for (const s of [...segments].sort((a, b) => a.key.localeCompare(b.key))) visit(s);
  return out;
}

/** The chain of keys by which `key`'s new rule would read itself, or undefined when there is none. */
export function findCycle(key: string, rule: Rule, others: RuleSegment[]): string[] | undefined {
  const rules = new Map(others.filter((s) => s.key !== key).map((s) => [s.key, s.rule]));
  rules.set(key, rule);
  const walk = (at: string, path: string[]): string[] | undefined => {
    for (const dep of referencedSegments(rules.get(at)!)) {
      if (dep === key) return [...path, dep];
      if (rules.has(dep) && !path.includes(dep)) {
        const found = walk(dep, [...path, dep]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(key, [key]);
}
