import type { Filter } from './api';

/** What the URL says: the view, its filter and the backtest's choices (the permalink). The key never goes in it. */
export interface PageState extends Filter {
  view: string;
  /** Backtest: the plugins compared, and its two dates (YYYY-MM-DD; '' until chosen). */
  models: string[];
  calibrationEnd: string;
  holdoutEnd: string;
}

const GRANULARITIES = ['MONTH', 'QUARTER', 'YEAR'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readState(search: string, views: readonly string[]): PageState {
  const q = new URLSearchParams(search);
  const view = q.get('view') ?? '';
  const g = q.get('period') ?? '';
  const day = (name: string) => (DAY.test(q.get(name) ?? '') ? q.get(name)! : '');
  return {
    view: views.includes(view) ? view : views[0],
    segment: q.get('segment') ?? '',
    granularity: (GRANULARITIES as readonly string[]).includes(g) ? g as Filter['granularity'] : 'MONTH',
    models: (q.get('models') ?? '').split(',').filter(Boolean),
    calibrationEnd: day('calibrationEnd'),
    holdoutEnd: day('holdoutEnd'),
  };
}

export function stateUrl(s: PageState): string {
  const q = new URLSearchParams({ view: s.view });
  if (s.segment) q.set('segment', s.segment);
  if (s.granularity !== 'MONTH') q.set('period', s.granularity);
  if (s.models.length) q.set('models', s.models.join(','));
  if (s.calibrationEnd) q.set('calibrationEnd', s.calibrationEnd);
  if (s.holdoutEnd) q.set('holdoutEnd', s.holdoutEnd);
  return `?${q}`;
}
