import { RelationshipKind } from '../../common/enums';
import { type FixturePurchase, subjectFromPurchases } from '../../plugin-api/testing/plugin-harness';
import type { MetricPlugin, MetricSubject } from '../../plugin-api/plugin.contract';
import type { TransactionModel } from '../btyd/transaction-model';

// Test-only: what the BTYD plugin suites (btyd-churn-plugin / btyd-clv-plugin fixtures) share.

export const BTYD_AS_OF = new Date('2026-01-01T00:00:00.000Z');
const DAY_MS = 86_400_000;

/** The hand-made customers' age: first purchase 2025-03-01, 306 days = 43.71 weeks before BTYD_AS_OF. */
export const SPECIAL_T = 306 / 7;

const weekly = (count: number, margin?: number): FixturePurchase[] =>
  Array.from({ length: count }, (_, i) => ({ at: new Date(Date.parse('2025-03-01T10:00:00Z') + i * 7 * DAY_MS), amount: 30, ...(margin === undefined ? {} : { margin }) }));

/**
 * Hand-made customers, all first buying on 2025-03-01, 30 a purchase: ZERO once; HEAVY weekly until
 * 2025-12-27 (x = 43, t_x = 43 weeks), with `heavyMargin` a purchase if given; LAPSED weekly four
 * times (x = 3, t_x = 3 weeks); NONE never; CONTRACT like LAPSED but contractual.
 */
export function specialSubjects(heavyMargin?: number): MetricSubject[] {
  return [
    subjectFromPurchases(weekly(1), BTYD_AS_OF, { id: 9001, externalId: 'ZERO' }),
    subjectFromPurchases(weekly(44, heavyMargin), BTYD_AS_OF, { id: 9002, externalId: 'HEAVY' }),
    subjectFromPurchases(weekly(4), BTYD_AS_OF, { id: 9003, externalId: 'LAPSED' }),
    subjectFromPurchases([], BTYD_AS_OF, { id: 9004, externalId: 'NONE' }),
    subjectFromPurchases(weekly(4), BTYD_AS_OF, { id: 9005, externalId: 'CONTRACT', relationship: RelationshipKind.CONTRACTUAL }),
  ];
}

/** 30 customers who each bought once: no repeat buyer, so no BTYD model can be fitted. */
export const oneOffSubjects = (): MetricSubject[] =>
  Array.from({ length: 30 }, (_, i) => subjectFromPurchases([{ at: `2025-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`, amount: 10 }], BTYD_AS_OF, { id: i + 1 }));

/** One BTYD plugin under test, with what its suite needs to know about its model. */
export interface BtydPluginCase<C, P> {
  plugin: MetricPlugin<C>;
  model: TransactionModel<P>;
  /** A valid parameter set of the model, and one of another model, which it must refuse. */
  ownParams: P;
  otherParams: Record<string, number>;
  /** 400 customers drawn from a BTYD process (spend mean about 30), margins `marginRatio` of amounts if given. */
  population: (marginRatio?: number) => MetricSubject[];
}

/** The model's name as a pattern ("BG\/NBD"). */
export const namePattern = (model: Pick<TransactionModel<unknown>, 'name'>): string => model.name.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&');
