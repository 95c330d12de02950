import { LinkType, type MetricLink, roundMoney } from '../../src/plugin-api';
import type { ReferralValueConfig } from './referral-value.config';

/** What a customer's referrals are worth. */
export interface ReferralValue {
  /** Sum of the referred customers' CLVs (second level weighted); those without a CLV add 0. */
  value: number;
  /** Distinct referred customers counted, with or without a CLV, at either level. */
  count: number;
}

/** The links on which this customer is the referrer. */
const referredBy = (links: readonly MetricLink[]): MetricLink[] => links.filter((l) => l.type === LinkType.REFERRED && l.direction === 'OUT');

/**
 * The CLV of the customers `selfId` referred (its REFERRED links where it is the `from` side), and
 * with depth 2 of the customers those referred, times `secondLevelWeight`. Each customer counts
 * once, at the nearest level (a customer referred directly and again by a referral is direct),
 * and the customer itself never counts. Null when it referred nobody.
 */
export function referralValue(selfId: number, links: readonly MetricLink[], config: ReferralValueConfig): ReferralValue | null {
  const direct = referredBy(links);
  if (!direct.length) return null;
  const seen = new Set<number>([selfId]);
  let first = 0;
  for (const l of direct) {
    if (seen.has(l.customerId)) continue;
    seen.add(l.customerId);
    first += l.metrics?.clv ?? 0;
  }
  let second = 0;
  if (config.depth === 2) {
    // Direct referrals are all marked first, so one reached again through another counts only once, as direct.
    for (const l of direct) {
      for (const n of referredBy(l.links ?? [])) {
        if (seen.has(n.customerId)) continue;
        seen.add(n.customerId);
        second += n.metrics?.clv ?? 0;
      }
    }
  }
  return { value: roundMoney(first + config.secondLevelWeight * second), count: seen.size - 1 };
}
