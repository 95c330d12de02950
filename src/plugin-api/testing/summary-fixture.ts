import { Channel, ChannelRole, ContactLevel, InteractionType, Origin, Party, RelationshipKind } from '../../common/enums';
import { type StoredInteraction, toMetricInteraction } from '../../metrics/store/metric-interaction';
import type { CustomerSummary } from '../../summaries/customer-summary';
import { deriveSummary } from '../../summaries/derive-summary';
import { SummaryAccumulator } from '../../summaries/summary-accumulator';
import { emptyRecord } from '../../summaries/summary-record';
import type { MetricCustomer, MetricInteraction, MetricLink, MetricSubject } from '../plugin.contract';

// Fixture subjects for plugin tests: a customer and its summary built in memory, with no database.
// From interactions, the summary goes through the host's own accumulator, so it follows exactly
// the conventions a plugin meets in production.

/** The base currency fixtures use unless told otherwise. */
export const FIXTURE_CURRENCY = 'USD';

/** One interaction of a fixture customer; everything but `at` and `type` is optional. */
export interface FixtureInteraction {
  at: Date | string;
  type: `${InteractionType}`;
  /** Default OTHER, as the host records an interaction sent without a channel. */
  channel?: `${Channel}`;
  contactLevel?: `${ContactLevel}` | null;
  /** Never negative (a REFUND's amount is what was refunded); required for PURCHASE and REFUND. */
  amount?: number | null;
  /** Default: the base currency. Money in another currency is left out of the summary's money fields. */
  currency?: string;
  margin?: number | null;
  expectationScore?: number | null;
  perceptionScore?: number | null;
}

/** A purchase or a refund, for the common case. */
export interface FixturePurchase {
  at: Date | string;
  amount: number;
  margin?: number;
  type?: 'PURCHASE' | 'REFUND';
}

/** Partial fields of a subject; whatever is left out gets an empty default. */
export interface SubjectOverrides {
  customer?: Partial<MetricCustomer>;
  summary?: Partial<CustomerSummary>;
  interactions?: MetricInteraction[];
  links?: MetricLink[];
  /** The served values of the keys the plugin reads (see MetricSubject.metrics). */
  metrics?: Record<string, number | null>;
}

let nextId = 1;

/** Restarts the automatic customer ids (and so the `C-<id>` external ids) at 1. */
export function resetSubjectIds(): void {
  nextId = 1;
}

/** The summary of a customer without any interaction: zeros, nulls and empty lists. */
export function emptySummary(currency = FIXTURE_CURRENCY): CustomerSummary {
  return deriveSummary(emptyRecord(0), currency, new Date(0));
}

function customerWith(overrides: Partial<MetricCustomer> = {}): MetricCustomer {
  const id = overrides.id ?? nextId++;
  return {
    id, externalId: `C-${id}`, party: Party.PERSON, relationship: RelationshipKind.NON_CONTRACTUAL,
    channelRole: ChannelRole.END_CONSUMER, origin: Origin.EXTERNAL, acquiredAt: null, contractStartedAt: null,
    contractEndedAt: null, churnReason: null, traits: null, ...overrides,
  };
}

/**
 * A subject from partial fields. The summary is taken as given (nothing is derived), so keep
 * its fields consistent yourself, or use `subjectFromInteractions` / `subjectFromPurchases`.
 */
export function subject(overrides: SubjectOverrides = {}): MetricSubject {
  return {
    customer: customerWith(overrides.customer),
    summary: { ...emptySummary(overrides.summary?.currency), ...overrides.summary },
    ...(overrides.interactions ? { interactions: overrides.interactions } : {}),
    ...(overrides.links ? { links: overrides.links } : {}),
    ...(overrides.metrics ? { metrics: overrides.metrics } : {}),
  };
}

function toDate(at: Date | string, what: string): Date {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new Error(`${what}: "${String(at)}" is not a date`);
  return d;
}

/** The checks the host's ingest applies, so a fixture cannot hold data production never has. */
function checkInteraction(i: FixtureInteraction, where: string): void {
  const moneyType = i.type === 'PURCHASE' || i.type === 'REFUND';
  if (moneyType && i.amount == null) throw new Error(`${where}.amount: is required for a ${i.type}`);
  if (i.amount != null && !(Number.isFinite(i.amount) && i.amount >= 0)) throw new Error(`${where}.amount: must be a finite number >= 0, got ${i.amount}`);
  if (i.margin != null && !Number.isFinite(i.margin)) throw new Error(`${where}.margin: must be finite, got ${i.margin}`);
  for (const score of [i.expectationScore, i.perceptionScore]) {
    if (score != null && !(score >= 0 && score <= 100)) throw new Error(`${where}: survey scores must be within 0..100, got ${score}`);
  }
}

/** The interaction as the host would store it (channel and currency defaulted). */
function stored(i: FixtureInteraction, currency: string, where: string): StoredInteraction {
  checkInteraction(i, where);
  const amount = i.amount ?? null;
  const margin = i.margin ?? null;
  return {
    occurredAt: toDate(i.at, `${where}.at`), type: InteractionType[i.type], channel: Channel[i.channel ?? 'OTHER'],
    contactLevel: i.contactLevel ? ContactLevel[i.contactLevel] : null, amount, margin,
    currency: i.currency ?? (amount != null || margin != null ? currency : null),
    expectationScore: i.expectationScore ?? null, perceptionScore: i.perceptionScore ?? null,
  };
}

/** Options of `subjectFromInteractions`. */
export interface FromInteractionsOptions {
  customer?: Partial<MetricCustomer>;
  links?: MetricLink[];
  /** The base currency; default USD. */
  currency?: string;
}

/**
 * A subject as the host builds it at `asOf`: interactions after `asOf` are invisible, the summary
 * comes from the host's own summary accumulator (what ingest stores), and `interactions`
 * lists the visible ones oldest first.
 */
export function subjectFromInteractions(events: FixtureInteraction[], asOf: Date | string, o: FromInteractionsOptions = {}): MetricSubject {
  const end = toDate(asOf, 'asOf');
  const currency = o.currency ?? FIXTURE_CURRENCY;
  const customer = customerWith(o.customer);
  const visible = events
    .map((e, i) => stored(e, currency, `interactions[${i}]`))
    .filter((r) => r.occurredAt.getTime() <= end.getTime())
    // Stable: equal timestamps keep their input order, as the host orders by id after time.
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const acc = new SummaryAccumulator(customer.id, currency);
  for (const r of visible) acc.add(r);
  return {
    customer,
    summary: deriveSummary(acc.record(), currency, end),
    interactions: visible.map((r) => toMetricInteraction(r, currency)),
    ...(o.links ? { links: o.links } : {}),
  };
}

/** A subject from purchases and refunds only (see `subjectFromInteractions`). */
export function subjectFromPurchases(
  purchases: FixturePurchase[],
  asOf: Date | string,
  customerOverrides?: Partial<MetricCustomer>,
  currency = FIXTURE_CURRENCY,
): MetricSubject {
  const events = purchases.map((p): FixtureInteraction => ({ at: p.at, type: p.type ?? 'PURCHASE', amount: p.amount, margin: p.margin ?? null }));
  return subjectFromInteractions(events, asOf, { customer: customerOverrides, currency });
}
