import { Channel, ContactLevel, InteractionType } from '../common/enums';
import type { Archetype, Timeline } from './demo-archetypes';
import { channelFor, contactLevelFor } from './demo-channels';
import { CATEGORIES, COMPLAINT_NOTES, SUPPORT_NOTES, type Category } from './demo-reference-data';
import { atLocalHour, clamp, DAY, uniformTime, type TimeWindow } from './demo-time';
import type { SeededRandom } from './seeded-random';

/** An interaction before it gets its chronological externalId. */
export interface Draft {
  customer: number;
  at: number;
  /** Creation order; breaks ties so that sorting is total and deterministic. */
  seq: number;
  type: InteractionType;
  channel: Channel;
  contactLevel: ContactLevel;
  amount?: number;
  margin?: number;
  expectationScore?: number;
  perceptionScore?: number;
  note?: string;
  metadata?: Record<string, unknown>;
  /** For a refund: the purchase it gives money back for. */
  refundOf?: Draft;
  id?: string;
}

/** What the touchpoint writer needs to know about one customer. */
export interface Shopper {
  index: number;
  /** Organisations and intermediaries: bigger baskets, B2B channels. */
  business: boolean;
  staff: boolean;
  archetype: Archetype;
  timeline: Timeline;
  preferredCategory: string;
  utcOffsetHours: number;
}

type Rates = readonly (readonly [InteractionType, number])[];

// Expected touchpoints per 30 days while active, and afterwards (marketing keeps trying).
const ACTIVE_RATES: Rates = [
  [InteractionType.VISIT, 0.25], [InteractionType.EMAIL, 0.12], [InteractionType.CALL, 0.05], [InteractionType.CHAT, 0.06],
  [InteractionType.MESSAGE, 0.05], [InteractionType.CAMPAIGN_RESPONSE, 0.08], [InteractionType.SUPPORT_CASE, 0.015],
  [InteractionType.COMPLAINT, 0.006], [InteractionType.SURVEY, 0.012], [InteractionType.OTHER, 0.015],
];
const BUSINESS_EXTRA_RATES: Rates = [[InteractionType.CALL, 0.3], [InteractionType.EMAIL, 0.3], [InteractionType.VISIT, 0.2]];
const DORMANT_RATES: Rates = [[InteractionType.VISIT, 0.04], [InteractionType.EMAIL, 0.03], [InteractionType.CAMPAIGN_RESPONSE, 0.03]];

const ENGAGEMENT: Record<Archetype, number> = {
  loyal: 1.2, occasional: 0.8, lapsed: 1, 'one-off': 0.7, new: 1.5, contractual: 0.6, browser: 1.6,
};

const DAYTIME: readonly (readonly [number, number])[] = [
  [8, 2], [9, 4], [10, 6], [11, 7], [12, 9], [13, 8], [14, 6], [15, 6], [16, 7], [17, 9], [18, 10], [19, 9], [20, 7], [21, 4], [22, 2],
];
const EVENING: readonly (readonly [number, number])[] = [[18, 3], [19, 2]];
const CAMPAIGNS = ['spring-sale', 'black-friday', 'loyalty-bonus', 'new-collection'];
const REFUND_REASONS = ['damaged', 'wrong size', 'changed mind', 'not as described', 'late delivery'];
const OTHER_KINDS = ['postal-mail', 'catalogue-request', 'address-change', 'word-of-mouth'];

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Turns timelines into purchases, refunds, surveys and every other touchpoint. */
export class TouchpointWriter {
  readonly drafts: Draft[] = [];
  private seq = 0;

  constructor(private readonly rng: SeededRandom, private readonly w: TimeWindow) {}

  writeCustomer(s: Shopper): void {
    const { rng, w } = this;
    const tl = s.timeline;
    const spendLevel = 0.45 * rng.normal();
    const favourite = channelFor(rng, InteractionType.PURCHASE, s.business);
    const engagement = ENGAGEMENT[s.archetype] * Math.exp(0.4 * rng.normal());

    if (tl.purchases.length === 0) this.touch(s, InteractionType.VISIT, tl.acquiredAt);
    tl.purchases.forEach((at, i) => {
      const purchase = tl.contract ? this.contractPurchase(s, at) : this.purchase(s, at, spendLevel, favourite);
      // Browsing on the same channel shortly before buying online.
      if (i > 0 && (purchase.channel === Channel.WEB || purchase.channel === Channel.MOBILE_APP) && rng.chance(0.25)) {
        const before = at - rng.int(5, 120) * 60_000;
        if (before >= tl.acquiredAt) this.add(s, { type: InteractionType.VISIT, at: before, channel: purchase.channel, contactLevel: ContactLevel.LOW });
      }
      this.followUps(s, purchase);
    });

    this.spread(s, ACTIVE_RATES, tl.acquiredAt, tl.activeUntil, engagement);
    if (s.business) this.spread(s, BUSINESS_EXTRA_RATES, tl.acquiredAt, tl.activeUntil, 1);
    this.spread(s, DORMANT_RATES, tl.activeUntil, w.end, engagement, s.archetype === 'lapsed' ? 'win-back' : undefined);
    this.exitSignals(s);
  }

  /** A store event; returns whether the customer could attend (already acquired, before the end). */
  writeEvent(s: Shopper, name: string, at: number): boolean {
    const t = atLocalHour(this.rng, at, s.utcOffsetHours, EVENING, s.timeline.acquiredAt, this.w.end);
    if (t < s.timeline.acquiredAt || t > this.w.end) return false;
    this.add(s, { type: InteractionType.OTHER, at: t, channel: Channel.STORE, contactLevel: ContactLevel.HIGH, metadata: { event: name } });
    return true;
  }

  private add(s: Shopper, d: Omit<Draft, 'customer' | 'seq'>): Draft {
    // Every draft gets every key, in one order: one hidden class keeps the big sort fast.
    const draft: Draft = {
      customer: s.index, seq: this.seq++, at: d.at, type: d.type, channel: d.channel, contactLevel: d.contactLevel,
      amount: d.amount, margin: d.margin, expectationScore: d.expectationScore, perceptionScore: d.perceptionScore,
      note: d.note, metadata: d.metadata, refundOf: d.refundOf, id: undefined,
    };
    this.drafts.push(draft);
    return draft;
  }

  /** A touchpoint of `type` with a channel, contact level and the fields that type carries. */
  private touch(s: Shopper, type: InteractionType, at: number, campaign?: string): Draft {
    const { rng } = this;
    const channel = channelFor(rng, type, s.business);
    const draft = this.add(s, { type, at, channel, contactLevel: contactLevelFor(rng, channel) });
    if (type === InteractionType.SURVEY) {
      const disappointed = rng.chance(s.timeline.disappointment);
      const e = disappointed ? rng.int(5, 10) : clamp(Math.round(7 + 1.5 * rng.normal()), 1, 10);
      draft.expectationScore = e;
      draft.perceptionScore = disappointed ? Math.max(1, e - rng.int(1, 4)) : Math.min(10, e + rng.int(0, 2));
      draft.metadata = { survey: 'relationship' };
    } else if (type === InteractionType.COMPLAINT) {
      draft.note = rng.pick(COMPLAINT_NOTES);
    } else if (type === InteractionType.SUPPORT_CASE) {
      draft.note = rng.pick(SUPPORT_NOTES);
    } else if (type === InteractionType.CAMPAIGN_RESPONSE) {
      draft.metadata = { campaign: campaign ?? rng.pick(CAMPAIGNS) };
    } else if (type === InteractionType.OTHER) {
      draft.metadata = { kind: rng.pick(OTHER_KINDS) };
    }
    return draft;
  }

  private purchase(s: Shopper, at: number, spendLevel: number, favourite: Channel): Draft {
    const { rng } = this;
    const category: Category = rng.chance(0.55)
      ? CATEGORIES.find((c) => c.name === s.preferredCategory) ?? rng.pick(CATEGORIES)
      : rng.pick(CATEGORIES);
    // Lognormal basket around the category median; B2B baskets are several times larger.
    const median = category.medianAmount * (s.business ? 6 : 1) * (s.staff ? 0.85 : 1);
    const raw = Math.exp(Math.log(median) + spendLevel + 0.55 * rng.normal());
    const amount = round2(s.business ? clamp(raw, 50, 5000) : clamp(raw, 10, 500));
    const rate = clamp(category.marginRate + rng.float(-0.04, 0.04), 0.205, 0.445);
    const channel = rng.chance(0.6) ? favourite : channelFor(rng, InteractionType.PURCHASE, s.business);
    const items = s.business ? rng.int(1, 50) : rng.int(1, 4);
    return this.add(s, {
      type: InteractionType.PURCHASE, at, channel, contactLevel: contactLevelFor(rng, channel),
      amount, margin: round2(amount * rate), metadata: { category: category.name, items },
    });
  }

  private contractPurchase(s: Shopper, at: number): Draft {
    const plan = s.timeline.contract?.plan;
    if (!plan) throw new Error('contract purchase without a contract');
    return this.add(s, {
      type: InteractionType.PURCHASE, at, channel: Channel.WEB, contactLevel: ContactLevel.LOW,
      amount: plan.monthlyFee, margin: round2(plan.monthlyFee * plan.marginRate), metadata: { plan: plan.name, billing: 'monthly' },
    });
  }

  /** Surveys, refunds, support cases and complaints that a purchase sometimes triggers. */
  private followUps(s: Shopper, purchase: Draft): void {
    const { rng } = this;
    const subscription = s.timeline.contract !== undefined;
    if (rng.chance(subscription ? 0.03 : 0.08)) {
      const at = this.later(purchase.at, 1, 7);
      if (at !== undefined) this.touch(s, InteractionType.SURVEY, at).metadata = { survey: 'post-purchase' };
    }
    if (rng.chance(0.03)) {
      const at = this.later(purchase.at, 0.5, 20);
      if (at !== undefined) this.touch(s, InteractionType.SUPPORT_CASE, at);
    }
    let refunded = false;
    if (rng.chance(0.012 * (0.5 + s.timeline.disappointment))) {
      const at = this.later(purchase.at, 0.2, 10);
      if (at !== undefined) {
        this.touch(s, InteractionType.COMPLAINT, at);
        // A complaint is sometimes settled with a refund a few days later.
        const refundAt = this.later(at, 1, 5);
        if (refundAt !== undefined && rng.chance(0.4)) refunded = this.refund(s, purchase, refundAt);
      }
    }
    if (!refunded && rng.chance(subscription ? 0.01 : 0.035)) {
      const at = this.later(purchase.at, 1, 30);
      if (at !== undefined) this.refund(s, purchase, at);
    }
  }

  /** A whole-second instant some days after `at`, or undefined when that is past the end. */
  private later(at: number, minDays: number, maxDays: number): number | undefined {
    const t = at + Math.round((this.rng.float(minDays, maxDays) * DAY) / 1000) * 1000;
    return t <= this.w.end ? t : undefined;
  }

  /** Gives back all or part of a purchase, with the matching share of its margin. */
  private refund(s: Shopper, purchase: Draft, at: number): boolean {
    const { rng } = this;
    if (purchase.amount === undefined || purchase.margin === undefined) return false;
    const amount = rng.chance(0.6) ? purchase.amount : round2(purchase.amount * rng.float(0.2, 0.9));
    this.add(s, {
      type: InteractionType.REFUND, at, channel: purchase.channel, contactLevel: purchase.contactLevel, amount,
      margin: round2(purchase.margin * (amount / purchase.amount)), metadata: { reason: rng.pick(REFUND_REASONS) }, refundOf: purchase,
    });
    return true;
  }

  /** Poisson-many touchpoints of each type spread over [from, to]. */
  private spread(s: Shopper, rates: Rates, from: number, to: number, engagement: number, campaign?: string): void {
    const months = (to - from) / (30 * DAY);
    if (months <= 0) return;
    for (const [type, rate] of rates) {
      const n = this.rng.poisson(rate * months * engagement);
      for (let i = 0; i < n; i++) {
        const at = atLocalHour(this.rng, uniformTime(this.rng, from, to), s.utcOffsetHours, DAYTIME, s.timeline.acquiredAt, this.w.end);
        this.touch(s, type, at, campaign);
      }
    }
  }

  /** What often precedes leaving: a complaint, a disappointing survey, a cancellation call. */
  private exitSignals(s: Shopper): void {
    const { rng } = this;
    const tl = s.timeline;
    const contract = tl.contract;
    const endedAt = contract?.endedAt;
    if (contract && endedAt !== undefined) {
      const before = (maxDays: number): number => Math.max(contract.startedAt, endedAt - Math.round(rng.float(1, maxDays) * DAY / 1000) * 1000);
      if (contract.churnReason === 'poor service') this.touch(s, InteractionType.COMPLAINT, before(30));
      if (contract.churnReason === 'price' && rng.chance(0.6)) this.touch(s, InteractionType.SURVEY, before(40));
      const call = this.add(s, { type: InteractionType.CALL, at: endedAt, channel: Channel.PHONE, contactLevel: ContactLevel.LOW });
      call.note = `Contract cancellation: ${contract.churnReason ?? 'no reason given'}`;
    } else if (s.archetype === 'lapsed' && tl.purchases.length > 0 && rng.chance(0.35)) {
      const last = tl.purchases[tl.purchases.length - 1];
      const at = Math.min(this.w.end, last + Math.round(rng.float(1, 20)) * DAY);
      this.touch(s, rng.chance(0.5) ? InteractionType.COMPLAINT : InteractionType.SURVEY, at);
    }
  }
}
