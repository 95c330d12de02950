import { LinkType, Origin, Party } from '../common/enums';
import type { LinkInput } from '../relationships/link.input';
import type { Archetype } from './demo-archetypes';
import type { CustomerPlan } from './demo-population';
import type { SeededRandom } from './seeded-random';

const REFERRED_SHARE = 0.1;
const BUYS_FOR_SHARE = 0.02;

// Happy regulars spread the word; customers who drifted away rarely do.
const REFERRER_WEIGHT: Record<Archetype, number> = {
  loyal: 4, contractual: 2, occasional: 1, new: 1, 'one-off': 0.5, lapsed: 0.5, browser: 0.5,
};

const isConsumer = (p: CustomerPlan): boolean => p.party === Party.PERSON && p.origin === Origin.EXTERNAL;

/**
 * Picks ~10% of the independent consumers as referred, each by one customer acquired strictly
 * earlier. Returns referred index -> referrer index.
 */
export function assignReferrals(rng: SeededRandom, plans: readonly CustomerPlan[], acquiredAt: readonly number[]): Map<number, number> {
  const referrals = new Map<number, number>();
  const pool = plans.filter(isConsumer).map((p) => p.index).sort((a, b) => acquiredAt[a] - acquiredAt[b] || a - b);
  const candidates = rng.shuffle(plans.filter((p) => isConsumer(p) && p.organization === undefined).map((p) => p.index));
  const target = Math.round(plans.length * REFERRED_SHARE);
  for (const referred of candidates) {
    if (referrals.size >= target) break;
    // Binary search: how many pool members were acquired before this customer.
    let lo = 0;
    let hi = pool.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (acquiredAt[pool[mid]] < acquiredAt[referred]) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) continue;
    let referrer = pool[rng.int(0, lo - 1)];
    for (let tries = 0; tries < 20 && !rng.chance(REFERRER_WEIGHT[plans[referrer].archetype] / 4); tries++) {
      referrer = pool[rng.int(0, lo - 1)];
    }
    referrals.set(referred, referrer);
  }
  return referrals;
}

/** All edges: referrals, organisation membership, households and buying for someone else. */
export function buildLinks(rng: SeededRandom, plans: readonly CustomerPlan[], referrals: ReadonlyMap<number, number>): LinkInput[] {
  const links: LinkInput[] = [];
  const seen = new Set<string>();
  const add = (type: LinkType, from: number, to: number): boolean => {
    const key = `${type}:${from}:${to}`;
    // HOUSEHOLD is symmetric, so the reverse pair counts as a duplicate too.
    const reverse = `${type}:${to}:${from}`;
    if (from === to || seen.has(key) || (type === LinkType.HOUSEHOLD && seen.has(reverse))) return false;
    seen.add(key);
    links.push({ type, fromExternalId: plans[from].externalId, toExternalId: plans[to].externalId });
    return true;
  };

  for (const plan of plans) {
    if (plan.organization !== undefined) add(LinkType.MEMBER_OF, plan.index, plan.organization);
    if (plan.householdWith !== undefined) add(LinkType.HOUSEHOLD, plan.householdWith, plan.index);
  }
  const referred = [...referrals.keys()].sort((a, b) => a - b);
  for (const to of referred) {
    const from = referrals.get(to);
    if (from !== undefined) add(LinkType.REFERRED, from, to);
  }

  // Buyer -> user/beneficiary: often a household partner, otherwise someone in the same country.
  const target = Math.round(plans.length * BUYS_FOR_SHARE);
  const households = plans.filter((p) => p.householdWith !== undefined);
  const people = plans.filter(isConsumer);
  let made = 0;
  for (let attempts = 0; made < target && attempts < target * 20 && people.length > 1; attempts++) {
    let from: number;
    let to: number;
    if (households.length > 0 && rng.chance(0.4)) {
      const pair = rng.pick(households);
      [from, to] = rng.chance(0.5) ? [pair.householdWith ?? pair.index, pair.index] : [pair.index, pair.householdWith ?? pair.index];
    } else {
      const buyer = rng.pick(people);
      const sameCountry = people.filter((p) => p.country === buyer.country);
      from = buyer.index;
      to = rng.pick(sameCountry).index;
    }
    if (add(LinkType.BUYS_FOR, from, to)) made++;
  }
  return links;
}
