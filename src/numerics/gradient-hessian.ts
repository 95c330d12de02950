import { invertMatrix } from './hessian';

// Observed information from an analytic gradient: one central difference of the gradient per
// coordinate (2n gradients) instead of the 2n² + 1 values a Hessian from values needs, and more
// accurate, as first differences of a gradient lose fewer digits than second differences of f.

/**
 * Hessian of f at x from central differences of its gradient, symmetrised; null when the gradient
 * is unavailable (null) or not finite at a probe point. The step for coordinate j is
 * ε^(1/3)·max(1, |x_j|), which balances truncation (O(h²)) against rounding (O(ε/h)).
 */
export function hessianFromGradient(gradient: (x: number[]) => number[] | null, x: number[]): number[][] | null {
  const n = x.length;
  const columns: number[][] = [];
  for (let j = 0; j < n; j++) {
    const h = Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x[j]));
    const up = x.slice();
    const down = x.slice();
    up[j] += h;
    down[j] -= h;
    const gUp = gradient(up);
    const gDown = gradient(down);
    if (!gUp || !gDown || gUp.length !== n || gDown.length !== n) return null;
    const column = gUp.map((v, i) => (v - gDown[i]) / (2 * h));
    if (!column.every(Number.isFinite)) return null;
    columns.push(column);
  }
  return columns.map((_, i) => columns.map((__, j) => 0.5 * (columns[j][i] + columns[i][j])));
}

/**
 * Asymptotic standard errors at the optimum x of a negative log-likelihood, from its gradient: the
 * square roots of the diagonal of the inverse observed information. Null when the Hessian is not
 * positive definite or cannot be formed.
 */
export function standardErrorsFromGradient(gradientOfNegLogLik: (x: number[]) => number[] | null, x: number[]): number[] | null {
  const hessian = hessianFromGradient(gradientOfNegLogLik, x);
  const inverse = hessian ? invertMatrix(hessian) : null;
  if (!inverse) return null;
  const se = inverse.map((row, i) => Math.sqrt(row[i]));
  return se.every((v) => Number.isFinite(v) && v > 0) ? se : null;
}
