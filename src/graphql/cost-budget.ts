import Redis from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** What a caller has left after an operation was charged (or refused). */
export interface BudgetState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the budget is full again. */
  resetMs: number;
}

/** Each caller's budget of cost points per window, as GitHub's and Shopify's APIs keep one. */
export interface CostBudget {
  readonly limit: number;
  charge(callerId: string, cost: number): Promise<BudgetState>;
  close(): Promise<void>;
}

export interface CostBudgetSettings {
  /** Points per window and caller; 0 turns the budget off. */
  points: number;
  windowSeconds: number;
  /** Shared by every replica when set; otherwise each process counts alone. */
  redisUrl: string | undefined;
}

/**
 * A fixed window per caller in `rate-limiter-flexible`: in memory, or in Redis so that replicas
 * share one budget. If Redis is unreachable, the in-memory limiter stands in (its insurance), so
 * an outage of Redis never takes the API down.
 */
export function createCostBudget(settings: CostBudgetSettings, log: Logger): CostBudget {
  if (settings.points === 0) {
    return { limit: 0, charge: async () => ({ allowed: true, limit: 0, remaining: 0, resetMs: 0 }), close: async () => {} };
  }
  const options = { points: settings.points, duration: settings.windowSeconds, keyPrefix: 'cg-cost' };
  const memory = new RateLimiterMemory(options);
  let redis: Redis | undefined;
  let limiter: RateLimiterAbstract = memory;
  if (settings.redisUrl) {
    redis = new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', (err) => log.warn({ err: err.message }, 'rate limit store (Redis) unavailable; counting in this process meanwhile'));
    limiter = new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory, rejectIfRedisNotReady: true });
  }
  return {
    limit: settings.points,
    async charge(callerId, cost) {
      try {
        const r = await limiter.consume(callerId, Math.max(1, Math.ceil(cost)));
        return { allowed: true, limit: settings.points, remaining: r.remainingPoints, resetMs: r.msBeforeNext };
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        // A refused operation spends nothing (the limiter counted it): what is left stays usable by
        // cheaper ones, and a caller retrying while refused does not push its own refill back.
        const points = Math.max(1, Math.ceil(cost));
        const back = await limiter.reward(callerId, points).catch(() => e);
        return { allowed: false, limit: settings.points, remaining: Math.max(0, back.remainingPoints), resetMs: e.msBeforeNext };
      }
    },
    async close() {
      redis?.disconnect();
    },
  };
}
