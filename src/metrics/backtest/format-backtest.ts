import type { BacktestReport, ChurnBacktest, ClvBacktest, PluginBacktest } from './backtest-report';
import type { Accuracy } from './regression.stats';

/** A number with `digits` decimals, '-' for null (an undefined measure). */
export const num = (v: number | null, digits = 3): string => (v === null ? '-' : v.toFixed(digits));

/** Right-aligned columns (the first left-aligned), two spaces apart. */
export function table(header: string[], rows: string[][], indent = '  '): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => indent + cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), ...rows.map(line)];
}

const day = (d: Date) => d.toISOString().replace('T00:00:00.000Z', '');

function accuracyRow(name: string, a: Accuracy, digits: number): string[] {
  return [name, String(a.customers), num(a.predictedTotal, digits), num(a.actualTotal, digits), num(a.mae), num(a.rmse), num(a.correlation)];
}

function clvLines(clv: ClvBacktest): string[] {
  return [
    ...table(['', 'customers', 'predicted', 'actual', 'MAE', 'RMSE', 'correlation'], [accuracyRow('transactions', clv.transactions, 1), accuracyRow('spend', clv.spend, 2)]),
    `  all compared customers: ${clv.actualTransactions} holdout transactions, ${num(clv.actualSpend, 2)} spent`,
    // Without predictions the table would be all dashes.
    ...(clv.transactions.customers ? [
      '  mean holdout transactions by calibration repeat purchases:',
      ...table(['repeats', 'customers', 'predicted', 'actual'], clv.byRepeatPurchases.map((r) => [r.label, String(r.customers), num(r.meanPredicted), num(r.meanActual)]), '    '),
    ] : []),
    ...(clv.cumulative.length && clv.transactions.customers ? [
      '  cumulative holdout transactions:',
      ...table(['day', 'predicted', 'actual'], clv.cumulative.map((c) => [num(c.day, 1), num(c.predicted, 1), String(c.actual)]), '    '),
    ] : []),
  ];
}

function churnLines(churn: ChurnBacktest): string[] {
  return [
    `  AUC ${num(churn.auc)}   Brier ${num(churn.brier, 4)}   base rate ${num(churn.baseRate)}   mean predicted ${num(churn.meanPredicted)}   (${churn.customers} customers with a probability)`,
    '  by decile of predicted probability:',
    ...table(
      ['decile', 'customers', 'min', 'max', 'mean predicted', 'observed inactive'],
      churn.calibration.map((d) => [String(d.decile), String(d.customers), num(d.minPredicted), num(d.maxPredicted), num(d.meanPredicted), num(d.observedInactiveShare)]),
      '    ',
    ),
  ];
}

function pluginLines(p: PluginBacktest): string[] {
  const head = `${p.plugin}@${p.version}`;
  if (p.error) return [`${head}  fit FAILED after ${p.fitMs} ms: ${p.error}`];
  return [
    `${head}  fit ${p.fitMs} ms, score ${p.scoreMs} ms`,
    `  ${p.customersCompared} customers compared (${p.customersWithoutPrediction} without a prediction, ${p.customersFailed} failed) of ${p.customersScored} scored`,
    ...(p.clv ? clvLines(p.clv) : []),
    ...(p.churn ? churnLines(p.churn) : []),
    ...p.notes.map((n) => `  note: ${n}`),
  ];
}

/** The report as readable text: a header, then one block per plugin. */
export function formatBacktest(r: BacktestReport): string {
  const header = `Backtest of ${r.kind}: calibration to ${day(r.calibrationEnd)}, holdout to ${day(r.holdoutEnd)} (${num(r.holdoutDays, r.holdoutDays % 1 ? 2 : 0)} days), ${(r.durationMs / 1000).toFixed(1)} s`;
  return [header, ...r.plugins.flatMap((p) => ['', ...pluginLines(p)])].join('\n') + '\n';
}
