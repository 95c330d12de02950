// Products and sums of signed-log values that carry a relative-error estimate.
import { EPS, type Estimate } from './hyp2f1-series';
import type { SignedLog } from './signed-log-gamma';

/** A signed log whose log was built from terms of total magnitude `logTerms` (each rounded at ~EPS). */
export function exactish(value: SignedLog, logTerms: number): Estimate {
  return { ...value, relError: 2 * EPS * (1 + logTerms) };
}

/** The product of estimates: logs add, signs multiply, relative errors add. */
export function multiplyEstimates(...factors: Estimate[]): Estimate {
  let logAbs = 0;
  let sign: -1 | 0 | 1 = 1;
  let relError = 0;
  for (const f of factors) {
    if (f.sign === 0) return { logAbs: -Infinity, sign: 0, relError: 0 };
    logAbs += f.logAbs;
    sign = (sign * f.sign) as -1 | 1;
    relError += f.relError;
  }
  return { logAbs, sign, relError };
}

/** The sum of estimates, computed relative to the largest so nothing overflows; cancellation inflates relError. */
export function addEstimates(...terms: Estimate[]): Estimate {
  const live = terms.filter((t) => t.sign !== 0);
  if (live.length === 0) return { logAbs: -Infinity, sign: 0, relError: 0 };
  const top = Math.max(...live.map((t) => t.logAbs));
  let sum = 0;
  let error = 0;
  for (const t of live) {
    const magnitude = Math.exp(t.logAbs - top);
    sum += t.sign * magnitude;
    error += magnitude * (t.relError + EPS);
  }
  if (sum === 0) return { logAbs: -Infinity, sign: 0, relError: Infinity };
  return { logAbs: top + Math.log(Math.abs(sum)), sign: sum > 0 ? 1 : -1, relError: error / Math.abs(sum) };
}
