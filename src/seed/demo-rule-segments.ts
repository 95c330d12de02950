import type { SegmentRuleInput } from '../segments/rules/segment-rule.input';

/** Rule segments of the demo, evaluated by the server once it runs (they read RFM labels, summaries, interactions and links). */
export const demoRuleSegments: { key: string; name: string; description: string; rule: SegmentRuleInput }[] = [
  {
    key: 'vn-at-risk',
    name: 'Vietnam, at risk',
    description: 'Customers in Vietnam whose RFM segment is At Risk or Can\'t Lose Them.',
    rule: { and: [{ field: 'country', op: 'EQ', value: 'VN' }, { field: 'labels.rfm', op: 'IN', value: ['At Risk', "Can't Lose Them"] }] },
  },
  {
    key: 'recent-complainers',
    name: 'Complained lately',
    description: 'A complaint in the last 90 days.',
    rule: { interaction: { types: ['COMPLAINT' as never], withinDays: 90 } },
  },
  {
    key: 'lapsed-spenders',
    name: 'Lapsed spenders',
    description: 'Spent 500 or more, but nothing in the last 180 days.',
    rule: { and: [{ field: 'revenue', op: 'GTE', value: 500 }, { field: 'daysSinceLastPurchase', op: 'GT', value: 180 }] },
  },
  {
    key: 'referred-by-vip',
    name: 'Referred by a VIP',
    description: 'Customers referred by a member of the VIP list.',
    rule: { linked: { type: 'REFERRED' as never, end: 'TO' as never, inSegment: 'vip' } },
  },
];
