import fc from 'fast-check';

// Generators of hostile input for the mutations: valid values mixed with the odd, the huge, the
// malformed and the malicious, over a small pool of external ids so that items collide, refer to
// each other and to customers that exist or not.

const ids = fc.constantFrom('fz-1', 'fz-2', 'fz-3', 'FZ-1', 'fz-1 ', 'fz-4', '', ' ', 'x'.repeat(192), "fz-'; DROP TABLE customer; --", 'fz-\u0000', 'fz-ü', '😀');

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom("' OR 1=1 --", '"; DELETE FROM interaction; --', '\\', '%', '_', '!%', '\u202e', '\ud800', '<script>alert(1)</script>', 'NaN', 'null', '0x7fffffff'),
  fc.string({ minLength: 190, maxLength: 2100 }),
);
const text = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: nasty });

const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -0, -1, 1e12, 9.99e13, 1e15, 1e300, -1e300, 5e-324, 2 ** 53, 0.1 + 0.2),
  fc.integer(),
);

const timestamp = fc.oneof(
  fc.date({ min: new Date('1990-01-01'), max: new Date('2026-11-30'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '9999-12-31T23:59:59Z', '2999-01-01T00:00:00Z',
    'yesterday', '', '2026-02-30T00:00:00Z', '2026-01-01', '2026-01-01T25:00:00Z', '-000001-01-01T00:00:00Z'),
);

const jsonLeaf = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), number);
const deepObject = fc.integer({ min: 5, max: 60 }).map((depth) => {
  let o: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < depth; i += 1) o = { d: o };
  return o;
});
const json = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('Tier', 'tier', 'TIER', '', ' ', '$where', '__proto__')), jsonLeaf, { maxKeys: 6 }) },
  { weight: 1, arbitrary: deepObject },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ minLength: 2000, maxLength: 6000 }), { minKeys: 1, maxKeys: 4 }) },
);

/** A value, or a value of the wrong kind: what GraphQL's own coercion must refuse with a code. */
const enumOf = (...values: string[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom('nope', '', 'purchase', 'PURCHASE ') });

const customer = fc.record({
  externalId: ids,
  name: fc.option(text),
  email: fc.option(fc.oneof(fc.emailAddress(), text)),
  phone: fc.option(text),
  birthDate: fc.option(fc.oneof(fc.constantFrom('1980-02-03', '0000-00-00', '1899-01-01', '2200-01-01', '2026-13-01', 'soon'), text)),
  country: fc.option(fc.oneof(fc.constantFrom('GB', 'gb', 'USA', 'ZZ', ''), text)),
  city: fc.option(text),
  acquisitionCost: fc.option(number),
  acquiredAt: fc.option(timestamp),
  contractStartedAt: fc.option(timestamp),
  contractEndedAt: fc.option(timestamp),
  relationship: fc.option(enumOf('CONTRACTUAL', 'NON_CONTRACTUAL')),
  party: fc.option(enumOf('PERSON', 'ORGANIZATION')),
  gender: fc.option(enumOf('FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED')),
  traits: fc.option(json),
}, { requiredKeys: ['externalId'] });

const interaction = fc.record({
  externalId: ids.map((id) => `i-${id}`),
  customerExternalId: ids,
  occurredAt: timestamp,
  type: enumOf('PURCHASE', 'REFUND', 'VISIT', 'SURVEY', 'COMPLAINT', 'EMAIL'),
  channel: fc.option(enumOf('WEB', 'STORE', 'PHONE')),
  contactLevel: fc.option(enumOf('HIGH', 'LOW', 'MEDIUM')),
  amount: fc.option(number),
  margin: fc.option(number),
  currency: fc.option(fc.oneof(fc.constantFrom('USD', 'EUR', 'usd', 'XXXX', ''), text)),
  perceptionScore: fc.option(number),
  expectationScore: fc.option(number),
  note: fc.option(text),
  metadata: fc.option(json),
}, { requiredKeys: ['externalId', 'customerExternalId', 'occurredAt', 'type'] });

const link = fc.record({ fromExternalId: ids, toExternalId: ids, type: enumOf('REFERRED', 'MEMBER_OF', 'HOUSEHOLD', 'BUYS_FOR') });

/** One mutation with its variables. */
export interface HostileOperation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

const batch = <T>(item: fc.Arbitrary<T>) => fc.array(item, { minLength: 0, maxLength: 6 });

// Well-formed customers keep the pool populated, so that links, memberships and erasures meet real rows.
const plainCustomer = fc.record({ externalId: fc.constantFrom('fz-1', 'fz-2', 'fz-3', 'fz-4'), name: fc.string({ maxLength: 20 }), email: fc.stringMatching(/^[a-z]{1,8}@example\.com$/) });

export const hostileOperation: fc.Arbitrary<HostileOperation> = fc.oneof(
  fc.uniqueArray(plainCustomer, { minLength: 1, maxLength: 3, selector: (c) => c.externalId }).map((input) => ({ name: 'upsertCustomers', query: 'mutation($input: [CustomerInput!]!) { upsertCustomers(input: $input) { created updated unchanged } }', variables: { input } })),
  batch(customer).map((input) => ({ name: 'upsertCustomers', query: 'mutation($input: [CustomerInput!]!) { upsertCustomers(input: $input) { created updated unchanged } }', variables: { input } })),
  batch(interaction).map((input) => ({ name: 'recordInteractions', query: 'mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created unchanged } }', variables: { input } })),
  batch(link).map((input) => ({ name: 'linkCustomers', query: 'mutation($input: [LinkInput!]!) { linkCustomers(input: $input) { created } }', variables: { input } })),
  batch(link).map((input) => ({ name: 'unlinkCustomers', query: 'mutation($input: [LinkInput!]!) { unlinkCustomers(input: $input) { removed } }', variables: { input } })),
  fc.record({ key: fc.oneof(fc.constantFrom('vip', 'VIP', 'rfm-champions', 'value-tier-gold', ''), text), name: text }).map((input) => ({
    name: 'upsertSegment', query: 'mutation($input: SegmentInput!) { upsertSegment(input: $input) { key } }', variables: { input },
  })),
  fc.record({ key: fc.constantFrom('vip', 'VIP', 'rfm-champions', 'missing'), ids: fc.array(ids, { maxLength: 5 }) }).map(({ key, ids: customerExternalIds }) => ({
    name: 'addSegmentMembers', query: 'mutation($key: String!, $ids: [String!]!) { addSegmentMembers(key: $key, customerExternalIds: $ids) { added } }', variables: { key, ids: customerExternalIds },
  })),
  ids.map((externalId) => ({ name: 'deleteCustomer', query: 'mutation($id: String) { deleteCustomer(externalId: $id) { erasedAt } }', variables: { id: externalId } })),
);
