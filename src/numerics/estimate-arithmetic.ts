// Products and sums of signed-log values that carry a relative-error estimate.
import { EPS, type Estimate } from './hyp2f1-series';
import type { SignedLog } from './signed-log-gamma';

/** A signed log whose log was built from terms of total magnitude `logTerms` (each rounded at ~EPS). */
export function exactish(value: SignedLog, logTerms: number): Estimate {
  return { logAbs: value.logAbs, sign: value.sign, relError: 2 * EPS * (1 + logTerms) };
}

/** The product of two or three estimates: logs add, signs multiply, relative errors add. */
export function multiplyEstimates(p: Estimate, q: Estimate, r?: Estimate): Estimate {
  if (p.sign === 0 || q.sign === 0 || r?.sign === 0) return { logAbs: -Infinity, sign: 0, relError: 0 };
  const sign = (p.sign * q.sign * (r ? r.sign : 1)) as -1 | 1;
  return { logAbs: p.logAbs + q.logAbs + (r ? r.logAbs : 0), sign, relError: p.relError + q.relError + (r ? r.relError : 0) };
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
