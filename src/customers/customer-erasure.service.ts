import type { DataSource } from 'typeorm';
import { Interaction } from '../interactions/interaction.entity';
import { MetricValue } from '../metrics/store/metric-value.entity';
import { CustomerLink } from '../relationships/customer-link.entity';
import { SegmentMember } from '../segments/segment-member.entity';
import { Customer } from './customer.entity';
import { customerFingerprint } from './customer-merge';
import { CustomerTrait } from './customer-trait.entity';

/**
 * Erases a customer's personal data but keeps the anonymous facts that aggregates depend on.
 * Cleared: external id (replaced by `erased:<id>`), name, email, phone, birth date, gender,
 * income band, region, city, churn reason, consent, traits, and the note and metadata of every
 * interaction. Removed: relationships, segment memberships and metric values. Kept: type fields, country,
 * acquisition source/cost/date, contract dates, and each interaction's time, type, channel,
 * contact level, amounts and scores, so revenue and model inputs stay true.
 */
export async function eraseCustomer(ds: DataSource, customer: Customer, now: Date): Promise<Customer> {
  return ds.transaction(async (m) => {
    const erased: Customer = {
      ...customer,
      externalId: `erased:${customer.id}`,
      name: null, email: null, phone: null, birthDate: null, gender: null, incomeBand: null, region: null, city: null,
      churnReason: null, traits: null,
      consent: { email: false, sms: false, phone: false, profiling: false },
      erasedAt: now,
      updatedAt: now,
    };
    erased.fingerprint = customerFingerprint(erased);
    await m.save(Customer, erased);
    await m.update(Interaction, { customerId: customer.id }, { note: null, metadata: null });
    await m.delete(CustomerTrait, { customerId: customer.id });
    await m.delete(CustomerLink, { fromCustomerId: customer.id });
    await m.delete(CustomerLink, { toCustomerId: customer.id });
    await m.delete(SegmentMember, { customerId: customer.id });
    await m.delete(MetricValue, { customerId: customer.id });
    return erased;
  });
}
