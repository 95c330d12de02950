import type { LoadedPlugin, MetricsSetup } from '../host/metrics-setup';
import { BACKTEST_KINDS, type BacktestKind } from './backtest-report';

/** What a caller asks for, before it is checked. */
export interface BacktestInput {
  kind: string;
  plugins: string[];
  calibrationEnd: Date;
  holdoutEnd: Date;
}

/** A checked request: the plugins are loaded and provide the kind, the dates are in order. */
export interface BacktestRequest {
  kind: BacktestKind;
  plugins: LoadedPlugin[];
  calibrationEnd: Date;
  holdoutEnd: Date;
  /** CLV: also the cumulative curve, which scores each model once more per checkpoint (default true). */
  cumulative?: boolean;
}

/** The first thing wrong with an input: which field (or which `plugins` entry) and why. */
export interface BacktestProblem {
  message: string;
  field?: 'kind' | 'plugins' | 'calibrationEnd' | 'holdoutEnd';
  /** The position in `plugins`. */
  index?: number;
}

const loaded = (setup: MetricsSetup) => setup.plugins.map((p) => p.plugin.name).join(', ') || 'none';

/**
 * Checks a backtest input against the loaded plugins and the clock. Any loaded plugin providing
 * the kind qualifies, selected or not. Returns the request, or the first problem.
 */
export function checkBacktestInput(setup: MetricsSetup, input: BacktestInput, now: Date, clockSkewMs: number): BacktestRequest | BacktestProblem {
  if (!(BACKTEST_KINDS as readonly string[]).includes(input.kind)) return { field: 'kind', message: `must be ${BACKTEST_KINDS.join(' or ')}, got "${input.kind}"` };
  const kind = input.kind as BacktestKind;
  if (!input.plugins.length) return { field: 'plugins', message: `must name at least one plugin providing ${kind}` };
  const plugins: LoadedPlugin[] = [];
  for (const [index, name] of input.plugins.entries()) {
    const lp = setup.plugins.find((p) => p.plugin.name === name);
    if (!lp) return { index, message: `unknown plugin "${name}" (loaded: ${loaded(setup)})` };
    if (!lp.plugin.provides.some((p) => p.kind === kind)) {
      const providers = setup.plugins.filter((p) => p.plugin.provides.some((pr) => pr.kind === kind)).map((p) => p.plugin.name);
      return { index, message: `plugin "${name}" does not provide ${kind} (providers: ${providers.join(', ') || 'none'})` };
    }
    if (plugins.includes(lp)) return { index, message: `plugin "${name}" is listed twice` };
    plugins.push(lp);
  }
  for (const field of ['calibrationEnd', 'holdoutEnd'] as const) {
    if (Number.isNaN(input[field].getTime())) return { field, message: 'must be a valid date' };
  }
  if (input.holdoutEnd.getTime() <= input.calibrationEnd.getTime()) return { field: 'holdoutEnd', message: 'must be after calibrationEnd' };
  if (input.holdoutEnd.getTime() > now.getTime() + clockSkewMs) return { field: 'holdoutEnd', message: 'must not be in the future: the holdout must have happened' };
  return { kind, plugins, calibrationEnd: input.calibrationEnd, holdoutEnd: input.holdoutEnd };
}

/** Whether the check found a problem. */
export const isBacktestProblem = (r: BacktestRequest | BacktestProblem): r is BacktestProblem => 'message' in r;
