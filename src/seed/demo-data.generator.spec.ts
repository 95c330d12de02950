import { describe, it, expect } from 'vitest';
import { Channel, ContactLevel, InteractionType, LinkType, Origin, Party, RelationshipKind, ChannelRole } from '../common/enums';
import type { InteractionInput } from '../interactions/interaction.input';
import { generateDemoData, type DemoDataOptions } from './demo-data.generator';

const DAY = 86_400_000;
const END = new Date('2026-11-01T00:00:00Z');
const START = new Date('2024-11-01T00:00:00Z');
const OPTS: DemoDataOptions = { seed: 42, customers: 3000, end: END };
const data = generateDemoData(OPTS);

const byId = new Map(data.customers.map((c) => [c.externalId, c]));
const ofType = (type: InteractionType): InteractionInput[] => data.interactions.filter((i) => i.type === type);
const purchasesBy = new Map<string, InteractionInput[]>();
for (const p of ofType(InteractionType.PURCHASE)) purchasesBy.set(p.customerExternalId, [...(purchasesBy.get(p.customerExternalId) ?? []), p]);
const purchaseCount = (id: string): number => purchasesBy.get(id)?.length ?? 0;
const share = (n: number): number => n / data.customers.length;

describe('generateDemoData', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDemoData({ ...OPTS, end: new Date(END) })).toEqual(data);
    const small = { seed: 7, customers: 200, end: END };
    expect(generateDemoData(small)).toEqual(generateDemoData(small));
    expect(generateDemoData({ ...small, seed: 8 })).not.toEqual(generateDemoData(small));
  });

  it('produces the requested number of customers and a realistic volume of interactions', () => {
    expect(data.customers).toHaveLength(3000);
    expect(data.interactions.length).toBeGreaterThan(40_000);
    expect(data.interactions.length).toBeLessThan(60_000);
    expect(generateDemoData({ ...OPTS, customers: 0 })).toEqual({ customers: [], interactions: [], links: [], segments: expect.any(Array) });
    expect(generateDemoData({ ...OPTS, customers: 5 }).customers).toHaveLength(5);
  });

  it('uses every interaction type, channel and contact level, consistently', () => {
    const types = new Set(data.interactions.map((i) => i.type));
    const channels = new Set(data.interactions.map((i) => i.channel));
    const levels = new Set(data.interactions.map((i) => i.contactLevel));
    for (const t of Object.values(InteractionType)) expect(types, t).toContain(t);
    for (const c of Object.values(Channel)) expect(channels, c).toContain(c);
    for (const l of Object.values(ContactLevel)) expect(levels, l).toContain(l);
    const remote = [Channel.WEB, Channel.MOBILE_APP, Channel.EMAIL];
    const onSite = [Channel.STORE, Channel.FIELD];
    expect(data.interactions.filter((i) => remote.includes(i.channel as Channel) && i.contactLevel !== ContactLevel.LOW)).toEqual([]);
    expect(data.interactions.filter((i) => onSite.includes(i.channel as Channel) && i.contactLevel === ContactLevel.LOW)).toEqual([]);
  });

  it('has loyal, lapsed, one-off, new and non-buying customers', () => {
    const ids = data.customers.map((c) => c.externalId);
    expect(share(ids.filter((id) => purchaseCount(id) === 1).length)).toBeGreaterThan(0.08);
    expect(share(ids.filter((id) => purchaseCount(id) >= 10).length)).toBeGreaterThan(0.1);
    // Lapsed: bought repeatedly, then nothing for more than half a year.
    const lapsed = data.customers.filter((c) => {
      const last = purchasesBy.get(c.externalId)?.at(-1);
      return c.relationship === RelationshipKind.NON_CONTRACTUAL && purchaseCount(c.externalId) >= 3
        && last !== undefined && END.getTime() - last.occurredAt.getTime() > 180 * DAY;
    });
    expect(share(lapsed.length)).toBeGreaterThan(0.08);
    const recent = data.customers.filter((c) => (c.acquiredAt?.getTime() ?? 0) > END.getTime() - 60 * DAY);
    expect(share(recent.length)).toBeGreaterThan(0.08);
    const nonBuyers = share(ids.filter((id) => purchaseCount(id) === 0).length);
    expect(nonBuyers).toBeGreaterThan(0.02);
    expect(nonBuyers).toBeLessThan(0.1);
    // Regulars are still active: many customers with 10+ purchases bought in the last 2 months.
    const activeRegulars = ids.filter((id) => purchaseCount(id) >= 10 && (purchasesBy.get(id)?.at(-1)?.occurredAt.getTime() ?? 0) > END.getTime() - 60 * DAY);
    expect(share(activeRegulars.length)).toBeGreaterThan(0.08);
  });

  it('keeps every timestamp inside the window and after the customer was acquired', () => {
    for (const c of data.customers) {
      const acquired = c.acquiredAt?.getTime();
      expect(acquired).toBeDefined();
      expect(acquired).toBeGreaterThanOrEqual(START.getTime());
      expect(acquired).toBeLessThanOrEqual(END.getTime());
      for (const d of [c.contractStartedAt, c.contractEndedAt]) {
        if (d) expect(d.getTime()).toBeGreaterThanOrEqual(START.getTime());
        if (d) expect(d.getTime()).toBeLessThanOrEqual(END.getTime());
      }
    }
    expect(data.interactions.filter((i) => i.occurredAt.getTime() > END.getTime())).toEqual([]);
    const early = data.interactions.filter((i) => i.occurredAt.getTime() < (byId.get(i.customerExternalId)?.acquiredAt?.getTime() ?? Infinity));
    expect(early).toEqual([]);
    // acquiredAt is the customer's first touchpoint.
    const firstSeen = new Map<string, number>();
    for (const i of data.interactions) if (!firstSeen.has(i.customerExternalId)) firstSeen.set(i.customerExternalId, i.occurredAt.getTime());
    expect(data.customers.filter((c) => firstSeen.get(c.externalId) !== c.acquiredAt?.getTime())).toEqual([]);

    const short = generateDemoData({ seed: 3, customers: 300, end: END, years: 0.5 });
    const shortStart = END.getTime() - 0.5 * 365 * DAY;
    const outside = short.interactions.filter((i) => i.occurredAt.getTime() < shortStart || i.occurredAt.getTime() > END.getTime());
    expect(short.interactions.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });

  it('references only existing customers', () => {
    expect(data.interactions.filter((i) => !byId.has(i.customerExternalId))).toEqual([]);
    expect(data.links.filter((l) => !byId.has(l.fromExternalId) || !byId.has(l.toExternalId))).toEqual([]);
    for (const s of data.segments) for (const m of s.memberExternalIds) expect(byId.has(m), m).toBe(true);
  });

  it('has unique, well-formed ids and e-mails and never sets a field to undefined', () => {
    expect(new Set(data.customers.map((c) => c.externalId)).size).toBe(data.customers.length);
    expect(new Set(data.interactions.map((i) => i.externalId)).size).toBe(data.interactions.length);
    expect(data.customers[0].externalId).toBe('C-000001');
    expect(data.interactions.map((i) => i.externalId).every((id) => /^I-\d{7}$/.test(id))).toBe(true);
    const emails = data.customers.map((c) => c.email ?? '');
    expect(new Set(emails).size).toBe(emails.length);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9._]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    const withUndefined = [...data.customers, ...data.interactions].filter((row) => Object.values(row).some((v) => v === undefined));
    expect(withUndefined).toEqual([]);
  });

  it('gives people with an income band a wallet estimate within 0.6..1.4 of their band\'s centre, and nobody else one', () => {
    const centre: Record<string, number> = { '<25k': 400, '25-50k': 900, '50-100k': 1800, '100k+': 3500 };
    const withBand = data.customers.filter((c) => c.incomeBand);
    expect(withBand.length).toBeGreaterThan(data.customers.length / 2);
    for (const c of withBand) {
      const w = c.traits?.walletEstimate as number;
      expect(w).toBeGreaterThanOrEqual(Math.floor(0.6 * centre[c.incomeBand!]));
      expect(w).toBeLessThanOrEqual(Math.ceil(1.4 * centre[c.incomeBand!]));
    }
    expect(data.customers.filter((c) => !c.incomeBand && c.traits?.walletEstimate !== undefined)).toEqual([]);
    // Spread per customer, not one value per band.
    expect(new Set(withBand.map((c) => c.traits?.walletEstimate)).size).toBeGreaterThan(withBand.length / 2);
  });

  it('respects the column limits', () => {
    for (const c of data.customers) {
      expect((c.name ?? '').length).toBeLessThanOrEqual(200);
      expect((c.email ?? '').length).toBeLessThanOrEqual(254);
      expect((c.phone ?? '').length).toBeLessThanOrEqual(50);
      expect((c.churnReason ?? '').length).toBeLessThanOrEqual(500);
      for (const k of Object.keys(c.traits ?? {})) expect(k.length).toBeLessThanOrEqual(100);
      if (c.birthDate) expect(c.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.country).toMatch(/^[A-Z]{2}$/);
    }
    expect(data.interactions.filter((i) => (i.note ?? '').length > 2000)).toEqual([]);
    for (const s of data.segments) expect(s.input.key).toMatch(/^[a-z0-9-]{1,100}$/);
  });

  it('has a B2C-heavy mix with organisations, intermediaries and internal customers', () => {
    const orgs = data.customers.filter((c) => c.party === Party.ORGANIZATION);
    expect(share(orgs.length)).toBeGreaterThan(0.02);
    expect(share(orgs.length)).toBeLessThan(0.07);
    expect(share(data.customers.filter((c) => c.channelRole === ChannelRole.INTERMEDIARY).length)).toBeGreaterThan(0.015);
    expect(share(data.customers.filter((c) => c.origin === Origin.INTERNAL).length)).toBeGreaterThan(0.01);
    for (const o of orgs) expect(o.birthDate).toBeUndefined();
  });

  it('makes sane links', () => {
    const keys = data.links.map((l) => `${l.type}:${l.fromExternalId}:${l.toExternalId}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const l of data.links) expect(l.fromExternalId).not.toBe(l.toExternalId);
    const household = new Set(data.links.filter((l) => l.type === LinkType.HOUSEHOLD).map((l) => `${l.fromExternalId}:${l.toExternalId}`));
    for (const pair of household) expect(household.has(pair.split(':').reverse().join(':'))).toBe(false);

    const referred = data.links.filter((l) => l.type === LinkType.REFERRED);
    expect(new Set(referred.map((l) => l.toExternalId)).size).toBe(referred.length);
    expect(share(referred.length)).toBeGreaterThan(0.07);
    for (const l of referred) {
      const [from, to] = [byId.get(l.fromExternalId), byId.get(l.toExternalId)];
      expect(to?.acquisitionSource).toBe('referral');
      expect(from?.acquiredAt?.getTime()).toBeLessThan(to?.acquiredAt?.getTime() ?? 0);
    }
    expect(data.customers.filter((c) => c.acquisitionSource === 'referral')).toHaveLength(referred.length);

    const members = data.links.filter((l) => l.type === LinkType.MEMBER_OF);
    expect(new Set(members.map((l) => l.fromExternalId)).size).toBe(members.length);
    const perOrg = new Map<string, number>();
    for (const l of members) {
      expect(byId.get(l.fromExternalId)?.party).toBe(Party.PERSON);
      expect(byId.get(l.toExternalId)?.party).toBe(Party.ORGANIZATION);
      perOrg.set(l.toExternalId, (perOrg.get(l.toExternalId) ?? 0) + 1);
    }
    for (const o of data.customers.filter((c) => c.party === Party.ORGANIZATION)) {
      expect(perOrg.get(o.externalId)).toBeGreaterThanOrEqual(1);
      expect(perOrg.get(o.externalId)).toBeLessThanOrEqual(5);
    }
    expect(household.size).toBeGreaterThan(0);
    expect(data.links.some((l) => l.type === LinkType.BUYS_FOR)).toBe(true);
  });

  it('models contracts with observed churn', () => {
    const contractual = data.customers.filter((c) => c.relationship === RelationshipKind.CONTRACTUAL);
    expect(share(contractual.length)).toBeGreaterThan(0.05);
    const ended = contractual.filter((c) => c.contractEndedAt);
    expect(ended.length / contractual.length).toBeGreaterThan(0.15);
    expect(ended.length / contractual.length).toBeLessThan(0.45);
    for (const c of contractual) {
      expect(c.contractStartedAt).toBeInstanceOf(Date);
      if (c.contractEndedAt) {
        expect(c.churnReason).toBeTruthy();
        expect(c.contractEndedAt.getTime()).toBeGreaterThan(c.contractStartedAt?.getTime() ?? Infinity);
        for (const p of purchasesBy.get(c.externalId) ?? []) expect(p.occurredAt.getTime()).toBeLessThan(c.contractEndedAt.getTime());
      }
      // Billed monthly while the contract runs.
      const months = ((c.contractEndedAt ?? END).getTime() - (c.contractStartedAt?.getTime() ?? 0)) / (30.44 * DAY);
      expect(Math.abs(purchaseCount(c.externalId) - months)).toBeLessThanOrEqual(1.5);
    }
    for (const c of data.customers.filter((x) => x.relationship !== RelationshipKind.CONTRACTUAL)) {
      expect(c.contractStartedAt ?? c.contractEndedAt ?? c.churnReason).toBeUndefined();
    }
  });

  it('gives purchases, refunds, surveys and cases the fields their type needs', () => {
    const purchases = ofType(InteractionType.PURCHASE);
    const byExternalId = new Map(purchases.map((p) => [p.externalId, p]));
    const badPurchases = purchases.filter((p) => {
      const rate = (p.margin ?? 0) / (p.amount ?? 1);
      return !((p.amount ?? 0) > 0) || p.currency !== 'USD' || rate < 0.199 || rate > 0.451;
    });
    expect(badPurchases).toEqual([]);
    const refunds = ofType(InteractionType.REFUND);
    expect(refunds.length).toBeGreaterThan(purchases.length * 0.01);
    for (const r of refunds) {
      const original = byExternalId.get(String(r.metadata?.refundOf));
      expect(original, r.externalId).toBeDefined();
      expect(r.customerExternalId).toBe(original?.customerExternalId);
      expect(r.occurredAt.getTime()).toBeGreaterThan(original?.occurredAt.getTime() ?? Infinity);
      expect(r.amount).toBeGreaterThan(0);
      expect(r.amount).toBeLessThanOrEqual(original?.amount ?? 0);
      expect(r.margin).toBeGreaterThan(0);
    }
    const surveys = ofType(InteractionType.SURVEY);
    for (const s of surveys) {
      for (const score of [s.expectationScore, s.perceptionScore]) {
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(1);
        expect(score).toBeLessThanOrEqual(10);
      }
    }
    const disappointed = surveys.filter((s) => (s.expectationScore ?? 0) > (s.perceptionScore ?? 0)).length;
    expect(disappointed / surveys.length).toBeGreaterThan(0.15);
    expect(disappointed / surveys.length).toBeLessThan(0.6);
    for (const i of [...ofType(InteractionType.COMPLAINT), ...ofType(InteractionType.SUPPORT_CASE)]) expect(i.note).toBeTruthy();
  });

  it('holds its invariants for other seeds, sizes and window lengths', () => {
    for (let seed = 1; seed <= 24; seed++) {
      const end = new Date(Date.UTC(2025, seed % 12, 1 + seed, 13, 7, 9, 123));
      const years = [0.25, 1, 2, 3][seed % 4];
      const d = generateDemoData({ seed, customers: [1, 2, 3, 10, 60, 150][seed % 6], end, years });
      const start = new Date(end);
      start.setUTCFullYear(end.getUTCFullYear() - Math.trunc(years));
      const from = start.getTime() - (years % 1) * 365 * DAY;
      const ids = new Map(d.customers.map((c) => [c.externalId, c]));
      const problems: string[] = [];
      for (const i of d.interactions) {
        const acquired = ids.get(i.customerExternalId)?.acquiredAt?.getTime();
        const t = i.occurredAt.getTime();
        if (acquired === undefined || t < acquired || t < from || t > end.getTime()) problems.push(`time ${i.externalId}`);
      }
      const keys = new Set<string>();
      const referredTo = new Set<string>();
      for (const l of d.links) {
        const key = `${l.type}:${l.fromExternalId}:${l.toExternalId}`;
        if (l.fromExternalId === l.toExternalId) problems.push(`self ${key}`);
        if (keys.has(key)) problems.push(`duplicate ${key}`);
        if (!ids.has(l.fromExternalId) || !ids.has(l.toExternalId)) problems.push(`dangling ${key}`);
        if (l.type === LinkType.REFERRED && referredTo.has(l.toExternalId)) problems.push(`two referrers ${key}`);
        if (l.type === LinkType.REFERRED) referredTo.add(l.toExternalId);
        keys.add(key);
      }
      for (const c of d.customers) if (c.contractEndedAt && !c.churnReason) problems.push(`no churn reason ${c.externalId}`);
      if (new Set(d.customers.map((c) => c.email)).size !== d.customers.length) problems.push('duplicate e-mail');
      for (const sg of d.segments) for (const m of sg.memberExternalIds) if (!ids.has(m)) problems.push(`segment member ${m}`);
      expect(problems, `seed ${seed}`).toEqual([]);
    }
  });

  it('builds static segments with sensible members', () => {
    expect(data.segments.length).toBeGreaterThanOrEqual(2);
    expect(data.segments.length).toBeLessThanOrEqual(3);
    const keys = data.segments.map((s) => s.input.key);
    expect(keys).toEqual(['vip', 'newsletter-2026', 'event-attendees']);
    for (const s of data.segments) {
      expect(s.memberExternalIds.length).toBeGreaterThan(0);
      expect(new Set(s.memberExternalIds).size).toBe(s.memberExternalIds.length);
    }
    const net = new Map<string, number>();
    for (const i of data.interactions) {
      const sign = i.type === InteractionType.PURCHASE ? 1 : i.type === InteractionType.REFUND ? -1 : 0;
      net.set(i.customerExternalId, (net.get(i.customerExternalId) ?? 0) + sign * (i.amount ?? 0));
    }
    const vip = new Set(data.segments[0].memberExternalIds);
    const lowestVip = Math.min(...[...vip].map((id) => net.get(id) ?? 0));
    for (const c of data.customers) {
      if (!vip.has(c.externalId) && c.origin === Origin.EXTERNAL) expect(net.get(c.externalId) ?? 0).toBeLessThanOrEqual(lowestVip);
    }
    for (const id of data.segments[1].memberExternalIds) expect(byId.get(id)?.traits?.newsletter).toBe(true);
    const attended = new Set(ofType(InteractionType.OTHER).filter((i) => i.metadata?.event).map((i) => i.customerExternalId));
    expect(new Set(data.segments[2].memberExternalIds)).toEqual(attended);
  });
});
