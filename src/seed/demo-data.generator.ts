import { ChannelRole, InteractionType, Origin, Party, RelationshipKind } from '../common/enums';
import type { CustomerInput } from '../customers/customer.input';
import type { InteractionInput } from '../interactions/interaction.input';
import type { LinkInput } from '../relationships/link.input';
import type { SegmentInput } from '../segments/segment.input';
import { buildTimeline, type Timeline } from './demo-archetypes';
import { assignReferrals, buildLinks } from './demo-links';
import { planPopulation, type CustomerPlan } from './demo-population';
import { ProfileFactory, type Profile } from './demo-profiles';
import { demoWalletEstimate } from './demo-wallet';
import { ACQUISITION_COST, ACQUISITION_SOURCES, STORE_EVENTS } from './demo-reference-data';
import { buildSegments } from './demo-segments';
import { atLocalHour, windowFor, type TimeWindow } from './demo-time';
import { TouchpointWriter, type Draft, type Shopper } from './demo-touchpoints';
import { SeededRandom } from './seeded-random';

export interface DemoDataOptions {
  seed: number;
  customers: number;
  end: Date;
  /** Length of the history before `end`; default 2. */
  years?: number;
}

export interface DemoSegment {
  input: SegmentInput;
  memberExternalIds: string[];
}

export interface DemoData {
  customers: CustomerInput[];
  interactions: InteractionInput[];
  links: LinkInput[];
  segments: DemoSegment[];
}

const SHOPPING_HOURS: readonly (readonly [number, number])[] = [
  [9, 3], [10, 6], [11, 8], [12, 9], [13, 8], [14, 6], [15, 6], [16, 7], [17, 9], [18, 10], [19, 8], [20, 5],
];

/**
 * Generates a believable, fully deterministic CRM data set: customers drawn from purchase
 * archetypes (loyal, lapsed, one-off, new, occasional, contractual, browsing), their touchpoints
 * over `years` before `end`, the links between them and a few static segments.
 *
 * Pure: the same options always give deep-equal output, nothing is read from the clock or
 * Math.random, and no timestamp is before a customer's `acquiredAt` or after `end`.
 */
export function generateDemoData(opts: DemoDataOptions): DemoData {
  const years = opts.years ?? 2;
  if (!Number.isFinite(opts.seed)) throw new Error('seed must be a finite number');
  if (!Number.isInteger(opts.customers) || opts.customers < 0) throw new Error('customers must be a non-negative integer');
  if (!Number.isFinite(opts.end.getTime())) throw new Error('end must be a valid date');
  if (!(years > 0)) throw new Error('years must be positive');

  const rng = new SeededRandom(opts.seed);
  const window = windowFor(opts.end, years);
  const plans = planPopulation(rng, opts.customers);
  const timelines = plans.map((plan) =>
    buildTimeline(rng, plan.archetype, window, {
      business: isBusiness(plan),
      snap: (at, lo) => atLocalHour(rng, at, plan.country.utcOffsetHours, SHOPPING_HOURS, lo, window.end),
    }),
  );
  const referrals = assignReferrals(rng, plans, timelines.map((t) => t.acquiredAt));

  const profileFactory = new ProfileFactory(rng, window.end);
  const profiles: Profile[] = [];
  for (const plan of plans) profiles.push(profileFactory.create(plan, profiles));

  const writer = new TouchpointWriter(rng, window);
  const shoppers = plans.map((plan, i): Shopper => ({
    index: i, business: isBusiness(plan), staff: plan.origin === Origin.INTERNAL, archetype: plan.archetype,
    timeline: timelines[i], preferredCategory: profiles[i].preferredCategory, utcOffsetHours: plan.country.utcOffsetHours,
  }));
  for (const shopper of shoppers) writer.writeCustomer(shopper);
  const attendees = writeStoreEvents(rng, writer, shoppers, window);

  const interactions = finalizeInteractions(writer.drafts, plans);
  const netSpend = new Array<number>(plans.length).fill(0);
  for (const d of writer.drafts) {
    if (d.type === InteractionType.PURCHASE) netSpend[d.customer] += d.amount ?? 0;
    if (d.type === InteractionType.REFUND) netSpend[d.customer] -= d.amount ?? 0;
  }
  const tiers = loyaltyTiers(netSpend);
  const customers = plans.map((plan, i) => toCustomerInput(rng, plan, profiles[i], timelines[i], referrals.has(i), tiers[i]));

  return {
    customers,
    interactions,
    links: buildLinks(rng, plans, referrals),
    segments: buildSegments(customers, netSpend, attendees, opts.end.getUTCFullYear()),
  };
}

function isBusiness(plan: CustomerPlan): boolean {
  return plan.party === Party.ORGANIZATION || plan.channelRole === ChannelRole.INTERMEDIARY;
}

/** Invites active customers (regulars more often) to each store event; returns who came. */
function writeStoreEvents(rng: SeededRandom, writer: TouchpointWriter, shoppers: readonly Shopper[], w: TimeWindow): Set<number> {
  const attendees = new Set<number>();
  for (const event of STORE_EVENTS) {
    const at = Math.floor((w.start + (w.end - w.start) * event.at) / 1000) * 1000;
    for (const s of shoppers) {
      const active = s.timeline.acquiredAt <= at && s.timeline.activeUntil >= at;
      if (active && rng.chance(s.archetype === 'loyal' ? 0.15 : 0.04) && writer.writeEvent(s, event.name, at)) attendees.add(s.index);
    }
  }
  return attendees;
}

/** Chronological externalIds, so that I-0000001 is the oldest touchpoint. */
function finalizeInteractions(drafts: Draft[], plans: readonly CustomerPlan[]): InteractionInput[] {
  drafts.sort((a, b) => a.at - b.at || a.customer - b.customer || a.seq - b.seq);
  return drafts.map((d, i) => {
    d.id = `I-${String(i + 1).padStart(7, '0')}`;
    const input: InteractionInput = {
      externalId: d.id, customerExternalId: plans[d.customer].externalId, occurredAt: new Date(d.at), type: d.type,
      channel: d.channel, contactLevel: d.contactLevel,
    };
    if (d.amount !== undefined) {
      input.amount = d.amount;
      input.currency = 'USD';
    }
    if (d.margin !== undefined) input.margin = d.margin;
    if (d.expectationScore !== undefined) input.expectationScore = d.expectationScore;
    if (d.perceptionScore !== undefined) input.perceptionScore = d.perceptionScore;
    if (d.note !== undefined) input.note = d.note;
    // The refunded purchase is older, so it already has its id.
    const metadata = d.refundOf?.id ? { ...d.metadata, refundOf: d.refundOf.id } : d.metadata;
    if (metadata !== undefined) input.metadata = metadata;
    return input;
  });
}

/** Gold for the top 10% of buyers by net spend, silver for the next 25%, bronze for everyone else. */
function loyaltyTiers(netSpend: readonly number[]): string[] {
  const buyers = netSpend.map((v, i) => ({ v, i })).filter((x) => x.v > 0).sort((a, b) => b.v - a.v || a.i - b.i);
  const tiers = netSpend.map(() => 'bronze');
  buyers.forEach(({ i }, rank) => {
    if (rank < buyers.length * 0.1) tiers[i] = 'gold';
    else if (rank < buyers.length * 0.35) tiers[i] = 'silver';
  });
  return tiers;
}

function toCustomerInput(rng: SeededRandom, plan: CustomerPlan, p: Profile, tl: Timeline, referred: boolean, tier: string): CustomerInput {
  const c: CustomerInput = {
    externalId: plan.externalId,
    name: p.name,
    email: p.email,
    party: plan.party,
    relationship: tl.contract ? RelationshipKind.CONTRACTUAL : RelationshipKind.NON_CONTRACTUAL,
    channelRole: plan.channelRole,
    origin: plan.origin,
    country: plan.country.code,
    region: plan.region,
    city: plan.city,
    acquiredAt: new Date(tl.acquiredAt),
    consent: p.consent,
    traits: { loyaltyTier: tier, newsletter: p.newsletter, preferredCategory: p.preferredCategory, ...p.extraTraits },
  };
  const wallet = demoWalletEstimate(plan.externalId, p.incomeBand);
  if (wallet !== undefined) c.traits = { ...c.traits, walletEstimate: wallet };
  if (p.phone !== undefined) c.phone = p.phone;
  if (p.birthDate !== undefined) c.birthDate = p.birthDate;
  if (p.gender !== undefined) c.gender = p.gender;
  if (p.incomeBand !== undefined) c.incomeBand = p.incomeBand;
  // Employees were not acquired through marketing; everyone else came from somewhere.
  if (plan.origin === Origin.EXTERNAL) {
    const source = referred ? 'referral' : rng.weighted(ACQUISITION_SOURCES);
    c.acquisitionSource = source;
    const [lo, hi] = ACQUISITION_COST[source] ?? [0, 0];
    if (rng.chance(0.9)) c.acquisitionCost = Math.round(rng.float(lo, hi) * 100) / 100;
  }
  if (tl.contract) {
    c.contractStartedAt = new Date(tl.contract.startedAt);
    if (tl.contract.endedAt !== undefined) c.contractEndedAt = new Date(tl.contract.endedAt);
    if (tl.contract.churnReason !== undefined) c.churnReason = tl.contract.churnReason;
  }
  return c;
}
