import type { Filter } from './api';

/** What the URL says: the view and its filter (the permalink). The key never goes in it. */
export interface PageState extends Filter {
  view: string;
}

const GRANULARITIES = ['MONTH', 'QUARTER', 'YEAR'] as const;

export function readState(search: string, views: readonly string[]): PageState {
  const q = new URLSearchParams(search);
  const view = q.get('view') ?? '';
  const g = q.get('period') ?? '';
  return {
    view: views.includes(view) ? view : views[0],
    segment: q.get('segment') ?? '',
    granularity: (GRANULARITIES as readonly string[]).includes(g) ? g as Filter['granularity'] : 'MONTH',
  };
}

export function stateUrl(s: PageState): string {
  const q = new URLSearchParams({ view: s.view });
  if (s.segment) q.set('segment', s.segment);
  if (s.granularity !== 'MONTH') q.set('period', s.granularity);
  return `?${q}`;
}
