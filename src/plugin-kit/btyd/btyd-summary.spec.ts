import { describe, expect, it } from 'vitest';
import { Channel, InteractionType } from '../../common/enums';
import type { MetricInteraction } from '../../plugin-api/plugin.contract';
import { btydOfInteractions as btydSummary } from '../testing/btyd-summary.fixture';
import { btydSummary as btydOfStored } from './btyd-summary';
import { deriveSummary } from '../../summaries/derive-summary';
import { SummaryAccumulator } from '../../summaries/summary-accumulator';
import { CDNOW_AS_OF, cdnowPublishedSummary, cdnowPurchases } from '../testing/cdnow.fixture';

const asOf = new Date('2026-01-29T12:00:00.000Z');
const event = (at: string, type: InteractionType, amount: number | null, extra: Partial<MetricInteraction> = {}): MetricInteraction => ({
  occurredAt: new Date(at), type, channel: Channel.STORE, contactLevel: null, amount, currency: amount === null ? null : 'USD',
  margin: null, expectationScore: null, perceptionScore: null, ...extra,
});
const buy = (at: string, amount: number | null, extra: Partial<MetricInteraction> = {}) => event(at, InteractionType.PURCHASE, amount, extra);

describe('btydSummary conventions', () => {
  it('is null without a purchase at or before asOf', () => {
    expect(btydSummary([], asOf, 'day')).toBeNull();
    expect(btydSummary([event('2026-01-01', InteractionType.REFUND, 5), event('2026-01-02', InteractionType.SURVEY, null)], asOf, 'day')).toBeNull();
    expect(btydSummary([buy('2026-02-01', 5)], asOf, 'day')).toBeNull();
  });

  it('merges same-UTC-day purchases, counts repeats by day, and measures t_x and T from the first day', () => {
    // Days: Jan 1 (10 + 5 at 23:59), Jan 8 (20), Jan 15 (30 + foreign-currency amount null).
    // x = 2; t_x = 14 days = 2 weeks; T = Jan 1 00:00 -> Jan 29 12:00 = 28.5 days = 28.5/7 weeks.
    // zbar = mean of the repeat days (20, 30) = 25; revenue = 65.
    const s = btydSummary([
      buy('2026-01-01T08:00:00Z', 10), buy('2026-01-01T23:59:00Z', 5), buy('2026-01-08T10:00:00Z', 20),
      buy('2026-01-15T09:00:00Z', 30), buy('2026-01-15T18:00:00Z', null, { currency: 'EUR' }),
      event('2026-01-20T00:00:00Z', InteractionType.REFUND, 30),
    ], asOf, 'week')!;
    expect(s).toMatchObject({ unit: 'week', x: 2, tx: 2, meanRepeatValue: 25, repeatValueDays: 2, revenue: 65, margin: 0, marginRevenue: 0 });
    expect(s.T).toBeCloseTo(28.5 / 7, 12);
    expect(s.meanRepeatMargin).toBeNull();
    expect(s.firstPurchaseDay.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(s.lastPurchaseDay.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    const days = btydSummary([buy('2026-01-01T08:00:00Z', 10), buy('2026-01-08T10:00:00Z', 20)], asOf, 'day')!;
    expect(days).toMatchObject({ x: 1, tx: 7, T: 28.5 });
  });

  it('a day without a base-currency amount is a transaction but stays out of the mean', () => {
    // Repeat days: Jan 8 (EUR only: null), Jan 9 (40): x = 2, zbar over one day = 40.
    const s = btydSummary([buy('2026-01-01', 10), buy('2026-01-08', null, { currency: 'EUR' }), buy('2026-01-09', 40)], asOf, 'day')!;
    expect(s).toMatchObject({ x: 2, tx: 8, meanRepeatValue: 40, repeatValueDays: 1, revenue: 50 });
    const none = btydSummary([buy('2026-01-01', 10), buy('2026-01-08', null, { currency: 'EUR' })], asOf, 'day')!;
    expect(none).toMatchObject({ x: 1, meanRepeatValue: null, repeatValueDays: 0 });
  });

  it('x = 0: t_x = 0 and no mean repeat value (T from midnight of Jan 29 to noon: 0.5 days)', () => {
    expect(btydSummary([buy('2026-01-29T11:00:00Z', 10)], asOf, 'day')).toMatchObject({ x: 0, tx: 0, T: 0.5, meanRepeatValue: null });
  });

  it('margins: summed per day, mean over repeat days that carry one, margin-bearing revenue for ratios', () => {
    // Day 1: 100 (margin 30); day 2: 50 (margin 10) + 20 (no margin); day 3: 80 (no margin).
    // Repeat margins: day 2 only = 10; marginRevenue = 100 + 50 = 150; margin = 40; revenue = 250.
    const s = btydSummary([
      buy('2026-01-01', 100, { margin: 30 }), buy('2026-01-02T01:00:00Z', 50, { margin: 10 }), buy('2026-01-02T02:00:00Z', 20),
      buy('2026-01-03', 80),
    ], asOf, 'day')!;
    expect(s).toMatchObject({ x: 2, meanRepeatValue: (70 + 80) / 2, meanRepeatMargin: 10, revenue: 250, margin: 40, marginRevenue: 150 });
  });

  it('ignores purchases after asOf and accepts unordered input', () => {
    const s = btydSummary([buy('2026-01-10', 20), buy('2026-03-01', 99), buy('2026-01-03', 10)], asOf, 'day')!;
    expect(s).toMatchObject({ x: 1, tx: 7, revenue: 30, meanRepeatValue: 20 });
  });
});

/** Rounds half up to cents, robust to binary representation (22.345 is stored as 22.34499...). */
const cents = (v: number) => Math.floor(v * 100 + 0.5 + 1e-7) / 100;

describe('btydSummary on CDNOW', () => {
  it('reproduces the published calibration summary for all 2,357 customers to 2 decimals', () => {
    const purchases = cdnowPurchases();
    const published = cdnowPublishedSummary();
    expect(published).toHaveLength(2357);
    let repeatBuyers = 0;
    for (const row of published) {
      const s = btydSummary(purchases.get(row.id) ?? [], CDNOW_AS_OF, 'week');
      expect(s, `customer ${row.id}`).not.toBeNull();
      const got = { id: row.id, x: s!.x, tx: cents(s!.tx), T: cents(s!.T), zbar: cents(s!.meanRepeatValue ?? 0) };
      expect(got).toEqual(row);
      if (s!.x > 0) repeatBuyers++;
    }
    expect(repeatBuyers).toBe(946);
  });
});

describe('btydSummary of a stored summary that runs past asOf', () => {
  // What a refresh as of now reads: the stored summary holds every purchase, some after asOf.
  const stored = (interactions: MetricInteraction[]) => {
    const acc = new SummaryAccumulator(1, 'USD');
    for (const i of interactions) acc.add(i);
    return deriveSummary(acc.record(), 'USD', asOf);
  };

  it('is null when the first purchase is after asOf', () => {
    expect(btydOfStored(stored([buy('2026-01-30T08:00:00Z', 10)]), asOf, 'day')).toBeNull();
  });

  it('takes a purchase after asOf as at asOf: T never below t_x', () => {
    // First purchase Jan 20, a second one Feb 3 (after asOf, Jan 29 12:00): t_x = 14 days > 28.5 - 19.
    const s = btydOfStored(stored([buy('2026-01-20T08:00:00Z', 10), buy('2026-02-03T08:00:00Z', 20)]), asOf, 'day')!;
    expect(s.x).toBe(1);
    expect(s.tx).toBe(14);
    expect(s.T).toBe(14);
  });
});
