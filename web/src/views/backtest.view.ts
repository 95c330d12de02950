import { query } from '../api';
import type { Cell, View } from '../panel';

const PLUGINS = '{ plugins { name kinds } }';
const Q = `query Backtest($plugins: [String!]!, $calibrationEnd: DateTimeISO!, $holdoutEnd: DateTimeISO!) {
  backtest(kind: "clv", plugins: $plugins, calibrationEnd: $calibrationEnd, holdoutEnd: $holdoutEnd) {
    holdoutDays
    plugins {
      plugin customersCompared fitMs scoreMs notes
      clv {
        actualTransactions
        transactions { predictedTotal actualTotal mae rmse correlation }
        spend { predictedTotal actualTotal mae rmse correlation }
        byRepeatPurchases { repeatPurchases label customers meanPredicted meanActual }
        cumulative { day actual predicted }
      }
    }
  }
}`;

interface Accuracy { predictedTotal: number | null; actualTotal: number; mae: number | null; rmse: number | null; correlation: number | null }
interface Report {
  holdoutDays: number;
  plugins: {
    plugin: string; customersCompared: number; fitMs: number; scoreMs: number; notes: string[];
    clv: {
      transactions: Accuracy; spend: Accuracy;
      byRepeatPurchases: { repeatPurchases: number; label: string; customers: number; meanPredicted: number | null; meanActual: number | null }[];
      cumulative: { day: number; actual: number; predicted: number | null }[];
    } | null;
  }[];
}

const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

/** CLV models fitted up to a date and compared with what their customers did after it, side by side. */
export const backtestView: View = {
  id: 'backtest',
  title: 'Backtest',
  empty: 'Pick the CLV models to compare and the two dates above, then Run. A backtest fits each model again: it takes as long as a refresh of it.',

  async controls(key, state, set) {
    const { plugins } = await query<{ plugins: { name: string; kinds: string[] }[] }>(key, PLUGINS);
    const boxes = plugins.filter((p) => p.kinds.includes('clv')).map((p) => {
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: p.name, checked: state.models.includes(p.name) });
      const label = document.createElement('label');
      label.append(box, ` ${p.name}`);
      return { box, label };
    });
    const date = (name: string, value: string) => {
      const input = Object.assign(document.createElement('input'), { type: 'date', value, name, required: true });
      const label = document.createElement('label');
      label.append(`${name === 'calibrationEnd' ? 'Calibration until' : 'Holdout until'} `, input);
      return { input, label };
    };
    const calibration = date('calibrationEnd', state.calibrationEnd);
    const holdout = date('holdoutEnd', state.holdoutEnd);
    const run = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Run' });
    run.addEventListener('click', () => set({
      models: boxes.filter((b) => b.box.checked).map((b) => b.box.value),
      calibrationEnd: calibration.input.value, holdoutEnd: holdout.input.value,
    }));
    return [...boxes.map((b) => b.label), calibration.label, holdout.label, run];
  },

  async load(key, state) {
    if (!state.models.length || !state.calibrationEnd || !state.holdoutEnd) return [];
    const at = (day: string) => `${day}T00:00:00.000Z`;
    const { backtest } = await query<{ backtest: Report }>(key, Q, { plugins: state.models, calibrationEnd: at(state.calibrationEnd), holdoutEnd: at(state.holdoutEnd) });
    const models = backtest.plugins.filter((p) => p.clv);
    const buckets = models[0]?.clv?.byRepeatPurchases ?? [];
    const curve = models[0]?.clv?.cumulative ?? [];
    const calibrationRows: Cell[][] = buckets.map((b, i) => [b.label, b.customers, r3(b.meanActual), ...models.map((m) => r3(m.clv!.byRepeatPurchases[i].meanPredicted))]);
    const totals: Cell[][] = [['actual', r3(models[0]?.clv?.transactions.actualTotal ?? null)], ...models.map((m) => [m.plugin, r3(m.clv!.transactions.predictedTotal)] as Cell[])];
    const errors: Cell[][] = backtest.plugins.map((p) => [
      p.plugin, p.customersCompared, r3(p.clv?.transactions.mae ?? null), r3(p.clv?.transactions.rmse ?? null), r3(p.clv?.transactions.correlation ?? null),
      r3(p.clv?.spend.mae ?? null), r3(p.clv?.spend.correlation ?? null), p.fitMs / 1000, p.scoreMs / 1000, p.notes.join(' '),
    ]);
    return [
      {
        id: 'calibration', title: 'Holdout transactions by calibration repeat purchases',
        note: `The classic calibration plot: customers grouped by their repeat purchases up to the calibration end, the mean of their transactions over the ${Math.round(backtest.holdoutDays)}-day holdout (bars) and each model's mean prediction (lines). Models are fitted on every customer: the segment filter does not apply.`,
        columns: ['repeat purchases', 'customers', 'actual', ...models.map((m) => m.plugin)],
        rows: calibrationRows,
        chart: {
          tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 20 },
          xAxis: { type: 'category', name: 'repeat purchases', nameLocation: 'middle', nameGap: 28, data: buckets.map((b) => b.label) },
          yAxis: { type: 'value', name: 'holdout transactions' },
          series: [
            { name: 'actual', type: 'bar', data: buckets.map((b) => r3(b.meanActual)) },
            ...models.map((m, i) => ({ name: m.plugin, type: 'line', symbol: ['circle', 'triangle', 'rect', 'diamond'][i % 4], data: m.clv!.byRepeatPurchases.map((b) => r3(b.meanPredicted)) })),
          ],
        },
        marks: buckets.length * (1 + models.length),
      },
      {
        id: 'cumulative', title: 'Cumulative transactions over the holdout',
        note: 'The compared customers\' transactions from the calibration end to each checkpoint (every two weeks): actual (bars) and as each model predicts them (lines).',
        columns: ['day', 'actual', ...models.map((m) => m.plugin)],
        rows: curve.map((p, j) => [r3(p.day), p.actual, ...models.map((m) => r3(m.clv!.cumulative[j]?.predicted ?? null))]),
        chart: {
          tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 20 },
          xAxis: { type: 'category', name: 'days after the calibration end', nameLocation: 'middle', nameGap: 28, data: curve.map((p) => String(Math.round(p.day))) },
          yAxis: { type: 'value', name: 'transactions' },
          series: [
            { name: 'actual', type: 'bar', data: curve.map((p) => p.actual) },
            ...models.map((m, i) => ({ name: m.plugin, type: 'line', symbol: ['circle', 'triangle', 'rect', 'diamond'][i % 4], data: m.clv!.cumulative.map((p) => r3(p.predicted)) })),
          ],
        },
        marks: curve.length * (1 + models.length),
      },
      {
        id: 'totals', title: 'Holdout transactions in total', note: 'What happened over the holdout, and what each model predicted.',
        columns: ['', 'transactions'], rows: totals,
        chart: {
          tooltip: {}, grid: { left: 140, right: 60 }, xAxis: { type: 'value', name: 'transactions' },
          yAxis: { type: 'category', inverse: true, data: totals.map((t) => String(t[0])) },
          series: [{ name: 'transactions', type: 'bar', data: totals.map((t) => t[1]), label: { show: true, position: 'right' } }],
        },
        marks: totals.length,
        height: 100 + 34 * totals.length,
      },
      {
        id: 'errors', title: 'Errors per customer', note: 'Lower MAE and RMSE, and a higher correlation, are better.',
        columns: ['model', 'customers', 'transactions MAE', 'transactions RMSE', 'transactions correlation', 'spend MAE', 'spend correlation', 'fit s', 'score s', 'notes'],
        rows: errors, chart: null, marks: 0,
      },
    ];
  },
};
