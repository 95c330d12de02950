import type { DataSource, EntityManager } from 'typeorm';
import { writeTransaction } from '../common/concurrent-write';
import { notFound } from '../graphql/errors';
import { Interaction } from '../interactions/interaction.entity';
import { MetricValue } from '../metrics/store/metric-value.entity';
import { CustomerLink } from '../relationships/customer-link.entity';
import { SegmentMember } from '../segments/segment-member.entity';
import { Customer } from './customer.entity';
import { lockCustomers } from './customer-locks';
import { customerFingerprint } from './customer-merge';
import { CustomerTrait } from './customer-trait.entity';
import { markChanged } from '../summaries/summary-store';

/** Every personal column of a customer, as erasure leaves it. */
const ERASED = {
  name: null, email: null, phone: null, birthDate: null, gender: null, incomeBand: null, region: null, city: null,
  churnReason: null, traits: null,
  consent: { email: false, sms: false, phone: false, profiling: false },
} as const satisfies Partial<Customer>;

/**
 * Erases a customer's personal data but keeps the anonymous facts that aggregates depend on.
 * Cleared: external id (replaced by `erased:<id>`), name, email, phone, birth date, gender,
 * income band, region, city, churn reason, consent, traits, and the note and metadata of every
 * interaction. Removed: relationships, segment memberships and metric values. Kept: type fields, country,
 * acquisition source/cost/date, contract dates, and each interaction's time, type, channel,
 * contact level, amounts and scores, so revenue and model inputs stay true.
 *
 * The row is locked and re-read first, and written with one UPDATE naming every personal column:
 * an upsert of the same customer either finished before (and is erased) or waits and is refused.
 * NOT_FOUND when there is no such customer or it is erased already.
 */
export async function eraseCustomer(ds: DataSource, customerId: number, now: Date, field = 'id'): Promise<Customer> {
  return writeTransaction(ds, { what: 'customers', arg: 'args' }, async (m) => {
    const current = (await lockCustomers(m, [customerId])).get(customerId);
    if (!current || current.erasedAt) throw notFound('no such customer (or already erased)', { field }, 'args');
    const erased: Customer = { ...current, ...ERASED, externalId: `erased:${current.id}`, erasedAt: now, updatedAt: now };
    erased.fingerprint = customerFingerprint(erased);
    const { externalId, erasedAt, updatedAt, fingerprint } = erased;
    await m.update(Customer, { id: current.id }, { ...ERASED, externalId, erasedAt, updatedAt, fingerprint });
    await dropPersonalData(m, current.id);
    return erased;
  });
}

/** What else of a customer is personal or links it to others: cleared or removed with it. */
async function dropPersonalData(m: EntityManager, customerId: number): Promise<void> {
  await m.update(Interaction, { customerId }, { note: null, metadata: null });
  await m.delete(CustomerTrait, { customerId });
  await m.delete(CustomerLink, { fromCustomerId: customerId });
  await m.delete(CustomerLink, { toCustomerId: customerId });
  await m.delete(SegmentMember, { customerId });
  await m.delete(MetricValue, { customerId });
  // A refresh scoring meanwhile re-scores changed customers before it publishes: it then drops
  // the values it wrote for this one.
  await markChanged(m, [customerId]);
}
