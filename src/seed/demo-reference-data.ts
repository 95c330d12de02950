// Static reference tables the demo generator draws from. Weights are relative, not percentages.

export type CountryCode = 'US' | 'GB' | 'DE' | 'FR' | 'VN' | 'BR';

export interface CountryInfo {
  code: CountryCode;
  weight: number;
  /** Rough local offset, so that store purchases happen in local opening hours. */
  utcOffsetHours: number;
  regions: readonly { name: string; cities: readonly string[] }[];
}

export const COUNTRIES: readonly CountryInfo[] = [
  {
    code: 'US', weight: 35, utcOffsetHours: -6,
    regions: [
      { name: 'California', cities: ['Los Angeles', 'San Francisco', 'San Diego', 'Sacramento'] },
      { name: 'Texas', cities: ['Houston', 'Austin', 'Dallas'] },
      { name: 'New York', cities: ['New York', 'Buffalo', 'Rochester'] },
      { name: 'Illinois', cities: ['Chicago', 'Springfield'] },
      { name: 'Washington', cities: ['Seattle', 'Spokane'] },
      { name: 'Florida', cities: ['Miami', 'Orlando', 'Tampa'] },
    ],
  },
  {
    code: 'GB', weight: 15, utcOffsetHours: 0,
    regions: [
      { name: 'England', cities: ['London', 'Manchester', 'Birmingham', 'Leeds', 'Bristol'] },
      { name: 'Scotland', cities: ['Edinburgh', 'Glasgow', 'Aberdeen'] },
      { name: 'Wales', cities: ['Cardiff', 'Swansea'] },
    ],
  },
  {
    code: 'DE', weight: 12, utcOffsetHours: 1,
    regions: [
      { name: 'Bayern', cities: ['München', 'Nürnberg', 'Augsburg'] },
      { name: 'Berlin', cities: ['Berlin'] },
      { name: 'Hamburg', cities: ['Hamburg'] },
      { name: 'Nordrhein-Westfalen', cities: ['Köln', 'Düsseldorf', 'Dortmund'] },
    ],
  },
  {
    code: 'FR', weight: 10, utcOffsetHours: 1,
    regions: [
      { name: 'Île-de-France', cities: ['Paris', 'Versailles', 'Boulogne-Billancourt'] },
      { name: 'Auvergne-Rhône-Alpes', cities: ['Lyon', 'Grenoble'] },
      { name: "Provence-Alpes-Côte d'Azur", cities: ['Marseille', 'Nice'] },
      { name: 'Occitanie', cities: ['Toulouse', 'Montpellier'] },
    ],
  },
  {
    code: 'VN', weight: 15, utcOffsetHours: 7,
    regions: [
      { name: 'Hà Nội', cities: ['Hà Nội'] },
      { name: 'Thành phố Hồ Chí Minh', cities: ['Thành phố Hồ Chí Minh', 'Thủ Đức'] },
      { name: 'Đà Nẵng', cities: ['Đà Nẵng'] },
      { name: 'Hải Phòng', cities: ['Hải Phòng'] },
    ],
  },
  {
    code: 'BR', weight: 13, utcOffsetHours: -3,
    regions: [
      { name: 'São Paulo', cities: ['São Paulo', 'Campinas', 'Santos'] },
      { name: 'Rio de Janeiro', cities: ['Rio de Janeiro', 'Niterói'] },
      { name: 'Minas Gerais', cities: ['Belo Horizonte', 'Uberlândia'] },
    ],
  },
];

export interface Category {
  name: string;
  /** Median order value for a consumer, in USD. */
  medianAmount: number;
  /** Typical gross margin rate; purchases jitter around it within 20-45%. */
  marginRate: number;
}

export const CATEGORIES: readonly Category[] = [
  { name: 'electronics', medianAmount: 120, marginRate: 0.23 },
  { name: 'home', medianAmount: 60, marginRate: 0.34 },
  { name: 'fashion', medianAmount: 55, marginRate: 0.41 },
  { name: 'beauty', medianAmount: 30, marginRate: 0.4 },
  { name: 'sports', medianAmount: 50, marginRate: 0.31 },
  { name: 'books', medianAmount: 18, marginRate: 0.27 },
  { name: 'grocery', medianAmount: 35, marginRate: 0.24 },
  { name: 'toys', medianAmount: 30, marginRate: 0.36 },
];

export interface ContractPlan {
  name: string;
  monthlyFee: number;
  marginRate: number;
}

export const CONSUMER_PLANS: readonly ContractPlan[] = [
  { name: 'Basic', monthlyFee: 19.99, marginRate: 0.32 },
  { name: 'Plus', monthlyFee: 39.99, marginRate: 0.38 },
  { name: 'Premium', monthlyFee: 79.99, marginRate: 0.43 },
];

export const BUSINESS_PLANS: readonly ContractPlan[] = [
  { name: 'Business', monthlyFee: 199, marginRate: 0.35 },
  { name: 'Enterprise', monthlyFee: 490, marginRate: 0.42 },
];

export const CHURN_REASONS: readonly (readonly [string, number])[] = [
  ['price', 30], ['moved', 15], ['competitor offer', 25], ['poor service', 18], ['no longer needed', 12],
];

/** Acquisition sources other than 'referral' (that one is set only for referred customers). */
export const ACQUISITION_SOURCES: readonly (readonly [string, number])[] = [
  ['campaign', 26], ['walk-in', 22], ['organic-search', 20], ['social', 16], ['partner', 10],
];

/** What acquiring a customer through each source typically costs, in USD. */
export const ACQUISITION_COST: Readonly<Record<string, readonly [number, number]>> = {
  campaign: [25, 150], 'walk-in': [0, 15], 'organic-search': [5, 40], social: [10, 80], partner: [30, 120], referral: [10, 50],
};

export const INCOME_BANDS: readonly (readonly [string, number])[] = [
  ['<25k', 20], ['25-50k', 35], ['50-100k', 30], ['100k+', 15],
];

export const INDUSTRIES: readonly string[] = ['retail', 'hospitality', 'healthcare', 'education', 'logistics', 'software'];
export const DEPARTMENTS: readonly string[] = ['sales', 'operations', 'finance', 'marketing', 'it'];

export const COMPLAINT_NOTES: readonly string[] = [
  'Order arrived damaged', 'Charged twice for the same order', 'Delivery was a week late',
  'Item not as described on the website', 'Staff at the checkout were rude', 'Waited 40 minutes in store',
  'Refund still not received', 'Wrong size delivered', 'Promo code was not applied', 'App crashed during payment',
];

export const SUPPORT_NOTES: readonly string[] = [
  'Where is my order?', 'Password reset', 'Help setting up the product', 'Warranty question',
  'Change of delivery address', 'Invoice copy requested', 'How do I return an item?', 'Loyalty points missing',
  'Update payment method', 'Product stopped working after a week',
];

/** Store events whose attendees make up the 'event-attendees' segment; `at` is a share of the window. */
export const STORE_EVENTS: readonly { name: string; at: number }[] = [
  { name: 'Product launch evening', at: 0.73 },
  { name: 'Customer appreciation night', at: 0.94 },
];
