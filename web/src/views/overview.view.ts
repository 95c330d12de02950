import { customerFilter, query } from '../api';
import type { View } from '../panel';

const Q = `query Overview($filter: CustomerFilter, $g: Granularity) {
  totals: customerStats(filter: $filter, measures: [COUNT, REVENUE, MARGIN]) { count revenue margin }
  money: interactionStats(customerFilter: $filter, granularity: $g, filter: { types: [PURCHASE, REFUND] }, limit: 5000) { period revenue margin }
  buyers: interactionStats(customerFilter: $filter, granularity: $g, filter: { types: [PURCHASE] }, limit: 5000) { period customers }
}`;

interface Data {
  totals: { count: number; revenue: number | null; margin: number | null }[];
  money: { period: string; revenue: number; margin: number }[];
  buyers: { period: string; customers: number }[];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Customers, revenue and margin over time, and the share of customers buying in each period. */
export const overviewView: View = {
  id: 'overview',
  title: 'Overview',
  async load(key, filter) {
    const d = await query<Data>(key, Q, { filter: customerFilter(filter), g: filter.granularity });
    const total = d.totals[0] ?? { count: 0, revenue: 0, margin: 0 };
    const periods = d.money.map((r) => r.period);
    const buyers = d.buyers.map((r) => [r.period, r.customers, total.count ? round(r.customers / total.count, 4) : null] as [string, number, number | null]);
    return [
      {
        id: 'totals', title: 'Customers', columns: ['customers', 'revenue', 'margin'],
        rows: [[total.count, round(total.revenue ?? 0), round(total.margin ?? 0)]], chart: null, marks: 0,
      },
      {
        id: 'revenue', title: 'Revenue and margin', note: 'Purchases minus refunds in each period, in the base currency.',
        columns: ['period', 'revenue', 'margin'],
        rows: d.money.map((r) => [r.period, round(r.revenue), round(r.margin)]),
        chart: {
          tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 70, right: 20 },
          xAxis: { type: 'category', data: periods }, yAxis: { type: 'value' },
          series: [
            { name: 'revenue', type: 'bar', data: d.money.map((r) => round(r.revenue)) },
            { name: 'margin', type: 'line', symbol: 'triangle', data: d.money.map((r) => round(r.margin)) },
          ],
        },
        marks: 2 * d.money.length,
      },
      {
        id: 'active', title: 'Customers buying', note: 'Customers with a purchase in each period, and their share of all the customers shown.',
        columns: ['period', 'customers', 'share'],
        rows: buyers,
        chart: {
          tooltip: { trigger: 'axis' }, grid: { left: 70, right: 20 },
          xAxis: { type: 'category', data: buyers.map((r) => r[0]) }, yAxis: { type: 'value', name: 'customers' },
          series: [{ name: 'customers buying', type: 'bar', data: buyers.map((r) => r[1]) }],
        },
        marks: buyers.length,
      },
    ];
  },
};
