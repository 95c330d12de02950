// Observed information from a negative log-likelihood: numerical Hessian, its inverse, and the
// standard errors it implies.

/**
 * Hessian of f at x by central differences. The step for coordinate i is ε^(1/4)·max(1, |x_i|),
 * which balances truncation (O(h²)) against rounding (O(ε/h²)) for second differences.
 */
export function numericHessian(f: (x: number[]) => number, x: number[]): number[][] {
  const n = x.length;
  const h = x.map((v) => Math.pow(Number.EPSILON, 0.25) * Math.max(1, Math.abs(v)));
  const at = (di: number, si: number, dj: number, sj: number): number => {
    const p = x.slice();
    if (di >= 0) p[di] += si * h[di];
    if (dj >= 0) p[dj] += sj * h[dj];
    return f(p);
  };
  const f0 = f(x);
  const hessian: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    hessian[i][i] = (at(i, 1, -1, 0) - 2 * f0 + at(i, -1, -1, 0)) / (h[i] * h[i]);
    for (let j = i + 1; j < n; j++) {
      const value = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i] * h[j]);
      hessian[i][j] = value;
      hessian[j][i] = value;
    }
  }
  return hessian;
}

/**
 * Inverse of a symmetric positive-definite matrix via its Cholesky factor. Returns null when the
 * matrix is not symmetric positive definite (including singular) or holds a non-finite entry:
 * at a likelihood optimum that means the standard errors do not exist.
 */
export function invertMatrix(m: number[][]): number[][] | null {
  const n = m.length;
  if (m.some((row) => row.length !== n || row.some((v) => !Number.isFinite(v)))) return null;
  // Lower-triangular L with m = L Lᵀ.
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      // Symmetrise, as numerical Hessians are symmetric only up to rounding.
      let sum = 0.5 * (m[i][j] + m[j][i]);
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        // A pivot tiny relative to the diagonal means the matrix is singular to working precision.
        if (!(sum > 1e-14 * Math.abs(m[i][i]))) return null;
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  // Invert L (lower triangular), then m⁻¹ = L⁻ᵀ L⁻¹.
  const li: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    li[i][i] = 1 / l[i][i];
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i][k] * li[k][j];
      li[i][j] = sum / l[i][i];
    }
  }
  const inverse: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += li[k][i] * li[k][j];
      inverse[i][j] = sum;
      inverse[j][i] = sum;
    }
  }
  return inverse.every((row) => row.every(Number.isFinite)) ? inverse : null;
}

/**
 * Asymptotic standard errors at the optimum x of a negative log-likelihood: the square roots of
 * the diagonal of the inverse observed information. Null when the Hessian is not positive definite.
 */
export function standardErrors(negLogLik: (x: number[]) => number, x: number[]): number[] | null {
  const inverse = invertMatrix(numericHessian(negLogLik, x));
  if (!inverse) return null;
  const se = inverse.map((row, i) => Math.sqrt(row[i]));
  return se.every((v) => Number.isFinite(v) && v > 0) ? se : null;
}

/**
 * Natural-scale parameters and their standard errors from a fit on log scale, by the delta
 * method: θ = exp(log θ) and se(θ) = θ · se(log θ).
 */
export function logScaleToNatural(logX: number[], seLog: number[]): number[] {
  return logX.map((v, i) => Math.exp(v) * seLog[i]);
}
