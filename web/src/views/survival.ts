import { query } from '../api';
import type { Cell, Panel } from '../panel';

/** One cohort's curves as contract-sbg reports them in its run's diagnostics (see plugins/contract-sbg). */
interface CohortCurve { cohort: string; customers: number; observedSurvival: number[]; projectedSurvival: number[] }

const Q = '{ plugins { name selected servedRun { id diagnostics } } }';
/** Cohorts drawn (the largest); the table has them all. */
const DRAWN = 6;

const isCurve = (c: unknown): c is CohortCurve => typeof c === 'object' && c !== null
  && typeof (c as CohortCurve).cohort === 'string' && Array.isArray((c as CohortCurve).observedSurvival) && Array.isArray((c as CohortCurve).projectedSurvival);

/**
 * The survival curves per acquisition cohort of the model served for contractual customers, when
 * its run reports them (contract-sbg does): observed (solid) and as the sBG projects them (dashed).
 * Null when no such model is served.
 */
export async function survivalPanel(key: string): Promise<Panel | null> {
  const { plugins } = await query<{ plugins: { name: string; selected: string[]; servedRun: { id: string; diagnostics: Record<string, unknown> | null } | null }[] }>(key, Q);
  const model = plugins.find((p) => p.selected.includes('churn:CONTRACTUAL') || p.selected.includes('churn'));
  // A plugin with several providers reports each one's diagnostics under its kind.
  const diagnostics = model?.servedRun?.diagnostics;
  const cohorts = (diagnostics?.churn as Record<string, unknown> | undefined)?.cohorts ?? diagnostics?.cohorts;
  if (!model || !Array.isArray(cohorts) || !cohorts.every(isCurve) || !cohorts.length) return null;
  const drawn = [...cohorts].sort((a, b) => b.customers - a.customers).slice(0, DRAWN).sort((a, b) => (a.cohort < b.cohort ? -1 : 1));
  const periods = Math.max(...drawn.map((c) => c.projectedSurvival.length));
  const rows: Cell[][] = cohorts.flatMap((c) => c.projectedSurvival.map((p, k) => [c.cohort, k, c.customers, c.observedSurvival[k] ?? null, p]));
  const marks = drawn.reduce((n, c) => n + c.observedSurvival.length + c.projectedSurvival.length, 0);
  return {
    id: 'survival', title: `Contract survival by cohort (${model.name}, run ${model.servedRun!.id})`,
    note: `The share of each acquisition cohort still under contract at each renewal point: observed (solid, circles) and projected by the fitted sBG (dashed, no marker). The ${drawn.length} largest of ${cohorts.length} cohorts are drawn; the table has them all. Every contractual customer: the filter does not apply.`,
    columns: ['cohort', 'renewal point', 'customers', 'observed', 'projected'],
    rows,
    chart: {
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, grid: { left: 60, right: 20 },
      xAxis: { type: 'category', name: 'renewal point', nameLocation: 'middle', nameGap: 28, data: Array.from({ length: periods }, (_, k) => String(k)) },
      yAxis: { type: 'value', min: 0, max: 1, name: 'surviving' },
      series: drawn.flatMap((c) => [
        { name: c.cohort, type: 'line', data: c.observedSurvival, symbol: 'circle' },
        { name: c.cohort, type: 'line', data: c.projectedSurvival, symbol: 'none', lineStyle: { type: 'dashed' } },
      ]),
    },
    marks,
  };
}
