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
    for (const i of data.interactions) {
      if (i.channel === Channel.WEB || i.channel === Channel.MOBILE_APP || i.channel === Channel.EMAIL) expect(i.contactLevel).toBe(ContactLevel.LOW);
      if (i.channel === Channel.STORE || i.channel === Channel.FIELD) expect(i.contactLevel).not.toBe(ContactLevel.LOW);
    }
  });

  it('has loyal, lapsed, one-off, new and non-buying customers', () => {
    const ids = data.customers.map((c) => c.externalId);
    expect(share(ids.filter((id) => purchaseCount(id) === 1).length)).toBeGreaterThan(0.08);
    expect(share(ids.filter((id) => purchaseCount(id) >= 10).length)).toBeGreaterThan(0.1);
    const lapsed = ids.filter((id) => {
      const last = purchasesBy.get(id)?.at(-1);
      return last !== undefined && END.getTime() - last.occurredAt.getTime() > 180 * DAY;
    });
    expect(share(lapsed.length)).toBeGreaterThan(0.1);
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
    const firstSeen = new Map<string, number>();
    for (const i of data.interactions) {
      const t = i.occurredAt.getTime();
      expect(t).toBeLessThanOrEqual(END.getTime());
      expect(t).toBeGreaterThanOrEqual(byId.get(i.customerExternalId)?.acquiredAt?.getTime() ?? Infinity);
      if (!firstSeen.has(i.customerExternalId)) firstSeen.set(i.customerExternalId, t);
    }
    // acquiredAt is the first touchpoint.
    for (const c of data.customers) expect(firstSeen.get(c.externalId)).toBe(c.acquiredAt?.getTime());
    const short = generateDemoData({ seed: 3, customers: 300, end: END, years: 0.5 });
    const shortStart = END.getTime() - 0.5 * 365 * DAY;
    for (const i of short.interactions) expect(i.occurredAt.getTime()).toBeGreaterThanOrEqual(shortStart);
    for (const i of short.interactions) expect(i.occurredAt.getTime()).toBeLessThanOrEqual(END.getTime());
  });

  it('references only existing customers', () => {
    for (const i of data.interactions) expect(byId.has(i.customerExternalId), i.externalId).toBe(true);
    for (const l of data.links) expect(byId.has(l.fromExternalId) && byId.has(l.toExternalId), JSON.stringify(l)).toBe(true);
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
    for (const row of [...data.customers, ...data.interactions]) {
      for (const [k, v] of Object.entries(row)) expect(v, k).not.toBeUndefined();
    }
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
    for (const i of data.interactions) expect((i.note ?? '').length).toBeLessThanOrEqual(2000);
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
    for (const p of purchases) {
      expect(p.amount).toBeGreaterThan(0);
      expect(p.currency).toBe('USD');
      const rate = (p.margin ?? 0) / (p.amount ?? 1);
      expect(rate).toBeGreaterThanOrEqual(0.199);
      expect(rate).toBeLessThanOrEqual(0.451);
    }
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
