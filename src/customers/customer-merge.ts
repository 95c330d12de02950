import { ChannelRole, Origin, Party, RelationshipKind } from '../common/enums';
import { fingerprint } from '../common/fingerprint';
import type { Customer } from './customer.entity';
import type { ValidCustomerInput } from './customer-input.schema';

type Content = Omit<Customer, 'id' | 'createdAt' | 'updatedAt' | 'fingerprint' | 'stats'>;

const defaults: Content = {
  externalId: '', name: null, email: null, phone: null,
  party: Party.PERSON, relationship: RelationshipKind.NON_CONTRACTUAL, channelRole: ChannelRole.END_CONSUMER, origin: Origin.EXTERNAL,
  birthDate: null, gender: null, incomeBand: null, country: null, region: null, city: null,
  acquisitionSource: null, acquisitionCost: null, acquiredAt: null, contractStartedAt: null, contractEndedAt: null,
  churnReason: null, consent: { email: false, sms: false, phone: false, profiling: false }, traits: null, erasedAt: null,
};

/** The stored content of a customer, for comparing and hashing. */
export function contentOf(c: Content): Content {
  const out = {} as Record<string, unknown>;
  for (const key of Object.keys(defaults)) out[key] = (c as unknown as Record<string, unknown>)[key] ?? null;
  return out as unknown as Content;
}

export const customerFingerprint = (c: Content) => fingerprint(contentOf(c) as unknown as Record<string, unknown>);

/**
 * Applies an input onto the stored customer (or the defaults for a new one): omitted fields keep
 * their value, null clears it, and enum fields cleared with null go back to their default.
 */
export function mergeCustomer(existing: Content | null, input: ValidCustomerInput): Content {
  const base = contentOf(existing ?? defaults);
  const merged = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'consent') continue;
    merged[key] = value ?? (defaults as unknown as Record<string, unknown>)[key];
  }
  const consent = input.consent === null ? { ...defaults.consent } : { ...base.consent };
  for (const [key, value] of Object.entries(input.consent ?? {})) {
    if (value !== undefined) consent[key as keyof typeof consent] = value ?? false;
  }
  merged.consent = consent;
  return merged as unknown as Content;
}
