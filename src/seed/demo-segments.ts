import { Origin } from '../common/enums';
import type { CustomerInput } from '../customers/customer.input';
import type { DemoSegment } from './demo-data.generator';

const VIP_SHARE = 0.05;

/**
 * Three static lists: the top 5% external customers by net spend, this year's newsletter
 * recipients, and the customers who came to a store event.
 */
export function buildSegments(
  customers: readonly CustomerInput[],
  netSpend: readonly number[],
  attendees: ReadonlySet<number>,
  year: number,
): DemoSegment[] {
  const spenders = customers
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => c.origin !== Origin.INTERNAL && netSpend[i] > 0)
    .sort((a, b) => netSpend[b.i] - netSpend[a.i] || a.i - b.i);
  const vip = spenders.slice(0, Math.max(1, Math.round(customers.length * VIP_SHARE))).sort((a, b) => a.i - b.i);

  return [
    {
      input: { key: 'vip', name: 'VIP customers', description: 'Top 5% of external customers by net spend (purchases minus refunds).' },
      memberExternalIds: vip.map(({ c }) => c.externalId),
    },
    {
      input: { key: `newsletter-${year}`, name: `Newsletter ${year}`, description: `Recipients of the ${year} newsletter (opted in to e-mail).` },
      memberExternalIds: customers.filter((c) => c.traits?.newsletter === true).map((c) => c.externalId),
    },
    {
      input: { key: 'event-attendees', name: 'Event attendees', description: 'Customers who attended a store event.' },
      memberExternalIds: customers.filter((_, i) => attendees.has(i)).map((c) => c.externalId),
    },
  ];
}
