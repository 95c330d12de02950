import { ChannelRole, Origin, Party } from '../common/enums';
import { BUSINESS_MIX, CONSUMER_MIX, INTERMEDIARY_MIX, STAFF_MIX, type Archetype } from './demo-archetypes';
import { COUNTRIES, type CountryInfo } from './demo-reference-data';
import type { SeededRandom } from './seeded-random';

/** Who one demo customer is, before any name or interaction is drawn. */
export interface CustomerPlan {
  index: number;
  externalId: string;
  party: Party;
  channelRole: ChannelRole;
  origin: Origin;
  archetype: Archetype;
  country: CountryInfo;
  region: string;
  city: string;
  /** Index of the organisation this person is a contact of. */
  organization?: number;
  /** Index of the earlier customer this one shares a household with. */
  householdWith?: number;
}

// Chosen so that ~4% of customers are organisations (each bringing 2-5 contacts) and ~3% of
// customers get a household partner.
const ORG_UNIT = 0.0465;
const HOUSEHOLD_UNIT = 0.038;
const STAFF = 0.025;
const AGENT = 0.025;
const RESELLER_SHARE = 0.25;

export function customerExternalId(index: number): string {
  return `C-${String(index + 1).padStart(6, '0')}`;
}

/**
 * Lays out the population in units (a single customer, an organisation with its contacts, or a
 * household pair) so that related customers get consecutive ids and share a location.
 */
export function planPopulation(rng: SeededRandom, count: number): CustomerPlan[] {
  const plans: CustomerPlan[] = [];
  const countryWeights = COUNTRIES.map((c) => [c, c.weight] as const);
  const add = (fields: Omit<CustomerPlan, 'index' | 'externalId'>): CustomerPlan => {
    const plan: CustomerPlan = { index: plans.length, externalId: customerExternalId(plans.length), ...fields };
    plans.push(plan);
    return plan;
  };
  const place = (): Pick<CustomerPlan, 'country' | 'region' | 'city'> => {
    const country = rng.weighted(countryWeights);
    const region = rng.pick(country.regions);
    return { country, region: region.name, city: rng.pick(region.cities) };
  };
  const consumer = (): Pick<CustomerPlan, 'party' | 'channelRole' | 'origin' | 'archetype'> => ({
    party: Party.PERSON, channelRole: ChannelRole.END_CONSUMER, origin: Origin.EXTERNAL, archetype: rng.weighted(CONSUMER_MIX),
  });

  while (plans.length < count) {
    const remaining = count - plans.length;
    if (remaining >= 3 && rng.chance(ORG_UNIT)) {
      const reseller = rng.chance(RESELLER_SHARE);
      const org = add({
        party: Party.ORGANIZATION,
        channelRole: reseller ? ChannelRole.INTERMEDIARY : ChannelRole.END_CONSUMER,
        origin: Origin.EXTERNAL,
        archetype: rng.weighted(reseller ? INTERMEDIARY_MIX : BUSINESS_MIX),
        ...place(),
      });
      const contacts = Math.min(rng.int(2, 5), remaining - 1);
      for (let i = 0; i < contacts; i++) {
        add({ ...consumer(), country: org.country, region: org.region, city: org.city, organization: org.index });
      }
    } else if (remaining >= 2 && rng.chance(HOUSEHOLD_UNIT)) {
      const first = add({ ...consumer(), ...place() });
      add({ ...consumer(), country: first.country, region: first.region, city: first.city, householdWith: first.index });
    } else {
      const r = rng.next();
      if (r < STAFF) {
        add({ party: Party.PERSON, channelRole: ChannelRole.END_CONSUMER, origin: Origin.INTERNAL, archetype: rng.weighted(STAFF_MIX), ...place() });
      } else if (r < STAFF + AGENT) {
        add({ party: Party.PERSON, channelRole: ChannelRole.INTERMEDIARY, origin: Origin.EXTERNAL, archetype: rng.weighted(INTERMEDIARY_MIX), ...place() });
      } else {
        add({ ...consumer(), ...place() });
      }
    }
  }
  return plans;
}
