import { base, de, en, en_GB, en_US, Faker, fr, pt_BR, vi, type LocaleDefinition } from '@faker-js/faker';
import { Gender, Origin, Party } from '../common/enums';
import type { ConsentInput } from '../customers/customer.input';
import type { CustomerPlan } from './demo-population';
import { CATEGORIES, DEPARTMENTS, INCOME_BANDS, INDUSTRIES, type CountryCode } from './demo-reference-data';
import { DAY, isoDate } from './demo-time';
import { SeededRandom } from './seeded-random';

/** Identity and demographic fields of one customer. Optional ones are simply unknown. */
export interface Profile {
  name: string;
  lastName: string;
  email: string;
  /** The organisation's mail domain, reused by its contacts. */
  domain?: string;
  phone?: string;
  birthDate?: string;
  gender?: Gender;
  incomeBand?: string;
  consent: ConsentInput;
  newsletter: boolean;
  preferredCategory: string;
  /** Traits beyond the common ones, e.g. an organisation's industry. */
  extraTraits: Record<string, string | number | boolean>;
}

const LOCALES: Record<CountryCode, LocaleDefinition> = { US: en_US, GB: en_GB, DE: de, FR: fr, VN: vi, BR: pt_BR };

// RFC 2606 domains, so demo addresses can never reach a real mailbox.
const MAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

const AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[18, 24], 12], [[25, 34], 22], [[35, 44], 22], [[45, 54], 18], [[55, 64], 14], [[65, 85], 12],
];

const GENDERS: readonly (readonly [Gender, number])[] = [
  [Gender.FEMALE, 48], [Gender.MALE, 46], [Gender.OTHER, 2], [Gender.UNDISCLOSED, 4],
];

/** Lower-case ASCII letters and digits only, for building e-mail local parts and domains. */
function slug(text: string, max = 24): string {
  const ascii = text.toLowerCase().replace(/đ/g, 'd').replace(/ß/g, 'ss').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return ascii.replace(/[^a-z0-9]/g, '').slice(0, max) || 'customer';
}

function digits(rng: SeededRandom, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** Country-shaped numbers; US and GB use the ranges reserved for fiction. */
function phoneFor(rng: SeededRandom, country: CountryCode): string {
  switch (country) {
    case 'US': return `+1 ${rng.int(201, 989)} 555 01${digits(rng, 2)}`;
    case 'GB': return `+44 7700 900${digits(rng, 3)}`;
    case 'DE': return `+49 15${rng.int(1, 9)} ${digits(rng, 8)}`;
    case 'FR': return `+33 6 ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}`;
    case 'VN': return `+84 9${rng.int(0, 9)} ${digits(rng, 3)} ${digits(rng, 4)}`;
    case 'BR': return `+55 ${rng.pick(['11', '21', '31'])} 9${digits(rng, 4)}-${digits(rng, 4)}`;
  }
}

/** Draws names, contact details and demographics; e-mails are unique across the whole population. */
export class ProfileFactory {
  private readonly fakers = new Map<CountryCode, Faker>();
  private readonly emails = new Set<string>();

  constructor(private readonly rng: SeededRandom, private readonly end: number) {
    for (const [code, locale] of Object.entries(LOCALES) as [CountryCode, LocaleDefinition][]) {
      const faker = new Faker({ locale: [locale, en, base] });
      faker.seed(rng.uint32());
      this.fakers.set(code, faker);
    }
  }

  create(plan: CustomerPlan, earlier: readonly Profile[]): Profile {
    const faker = this.fakerFor(plan.country.code);
    const consent: ConsentInput = {
      email: this.rng.chance(0.72), sms: this.rng.chance(0.35), phone: this.rng.chance(0.3), profiling: this.rng.chance(0.55),
    };
    const common = {
      consent,
      newsletter: consent.email === true && this.rng.chance(0.7),
      preferredCategory: this.rng.pick(CATEGORIES).name,
      ...(this.rng.chance(0.9) ? { phone: phoneFor(this.rng, plan.country.code) } : {}),
    };
    if (plan.party === Party.ORGANIZATION) {
      const name = faker.company.name();
      const domain = `${slug(name, 30)}.example.com`;
      return {
        ...common, name, lastName: name, domain, email: this.uniqueEmail('info', domain),
        extraTraits: { industry: this.rng.pick(INDUSTRIES), employees: Math.round(Math.exp(this.rng.float(2, 7))) },
      };
    }

    const gender = this.rng.weighted(GENDERS);
    const sex = gender === Gender.FEMALE ? 'female' : gender === Gender.MALE ? 'male' : this.rng.pick(['female', 'male'] as const);
    const firstName = faker.person.firstName(sex);
    const partner = plan.householdWith === undefined ? undefined : earlier[plan.householdWith];
    const lastName = partner && this.rng.chance(0.8) ? partner.lastName : faker.person.lastName();
    // Vietnamese names put the family name first.
    const name = plan.country.code === 'VN' ? `${lastName} ${firstName}` : `${firstName} ${lastName}`;
    const org = plan.organization === undefined ? undefined : earlier[plan.organization];
    const domain = org?.domain ?? (plan.origin === Origin.INTERNAL ? 'staff.example.com' : this.rng.pick(MAIL_DOMAINS));
    const [first, last] = [slug(firstName), slug(lastName)];
    const local = this.rng.weighted([
      [`${first}.${last}`, 5], [`${first}${last}${this.rng.int(1, 99)}`, 3], [`${first.charAt(0)}${last}`, 2], [`${first}_${last}`, 1],
    ] as const);

    const profile: Profile = {
      ...common, name, lastName, email: this.uniqueEmail(local, domain), gender,
      extraTraits: plan.origin === Origin.INTERNAL ? { department: this.rng.pick(DEPARTMENTS) } : {},
    };
    if (this.rng.chance(0.93)) profile.birthDate = this.birthDate(plan.organization !== undefined);
    if (this.rng.chance(0.85)) profile.incomeBand = this.rng.weighted(INCOME_BANDS);
    return profile;
  }

  private fakerFor(code: CountryCode): Faker {
    const faker = this.fakers.get(code);
    if (!faker) throw new Error(`no faker for ${code}`);
    return faker;
  }

  private birthDate(workingAge: boolean): string {
    const [lo, hi] = workingAge ? [25, 60] : this.rng.weighted(AGE_BANDS);
    const year = new Date(this.end).getUTCFullYear() - this.rng.int(lo, hi) - 1;
    return isoDate(Date.UTC(year, 0, 1) + this.rng.int(0, 364) * DAY);
  }

  private uniqueEmail(local: string, domain: string): string {
    let email = `${local}@${domain}`;
    for (let n = 2; this.emails.has(email); n++) email = `${local}${n}@${domain}`;
    this.emails.add(email);
    return email;
  }
}
