import { isPast, TIME_LIMIT_REASON } from './deadline';
import type { MinimizeResult } from './minimize';

// Quasi-Newton minimisation (BFGS, inverse-Hessian form) for objectives with an analytic
// gradient: far fewer evaluations than Nelder-Mead, which matters when one evaluation is a pass
// over hundreds of thousands of tuples.

/** f and its gradient at x. Non-finite values mark invalid points. */
export type ValueAndGradient = (x: number[]) => { value: number; gradient: number[] };

/**
 * The default of {@link BfgsOptions.tolerance}. At |f| ≈ 1e4 (a few thousand customers) it is an
 * absolute 1e-9; a looser one lets a search that crawls along a nearly flat ridge (Pareto/NBD's
 * s-β, from a far start) stop early, because the BFGS curvature estimate there is poor.
 */
export const BFGS_DEFAULT_TOLERANCE = 1e-13;

export interface BfgsOptions {
  /** Cap on iterations (default 500). */
  maxIterations?: number;
  /**
   * Relative tolerance (default {@link BFGS_DEFAULT_TOLERANCE}): converged when the predicted
   * decrease ½·gᵀH⁻¹g <= tolerance·(1 + |f|), or when both the last actual decrease and the
   * predicted one are below that bound. Relative, because f is only known to a few units of its
   * last place: for a negative log-likelihood summed over a million customers (|f| ~ 1e7) an
   * absolute bound such as 1e-9 lies below the rounding of f, and the search never meets it.
   */
  tolerance?: number;
  /**
   * Stop, not converged and with reason {@link TIME_LIMIT_REASON}, once performance.now() passes
   * this time (ms; see deadline.ts). Checked before every evaluation of f, so the overrun is at
   * most one evaluation. Unset: no time limit.
   */
  deadline?: number;
}

const dot = (u: number[], v: number[]) => u.reduce((s, ui, i) => s + ui * v[i], 0);
const finite = (p: { value: number; gradient: number[] }) => Number.isFinite(p.value) && p.gradient.every(Number.isFinite);

/**
 * Minimises f from x0 by BFGS with a backtracking (Armijo) line search. Steps into invalid
 * (non-finite) regions are shortened. Stops at convergence (see {@link BfgsOptions.tolerance}),
 * at `maxIterations` or at the `deadline`, returning the best point so far. Never throws; check
 * `converged` and `reason`.
 */
export function minimizeWithGradient(fg: ValueAndGradient, x0: number[], options: BfgsOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? BFGS_DEFAULT_TOLERANCE;
  const { deadline } = options;
  let evaluations = 1;
  let x = x0.slice();
  let current = fg(x);
  if (!finite(current)) return { x, value: Number.POSITIVE_INFINITY, iterations: 0, evaluations, converged: false, reason: 'f is not finite at the starting point' };
  // Inverse-Hessian approximation, row-major.
  let h: number[][] = identity(n);
  let scaled = false;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    // What counts as no decrease: relative to |f|, which bounds how well f is known.
    const negligible = tolerance * (1 + Math.abs(current.value));
    const g = current.gradient;
    let direction = h.map((row) => -dot(row, g));
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (H lost positive definiteness to rounding): restart from steepest descent.
      h = identity(n);
      direction = g.map((v) => -v);
      slope = dot(g, direction);
    }
    if (-slope / 2 <= negligible) {
      return { x, value: current.value, iterations: iteration - 1, evaluations, converged: true, reason: 'predicted decrease below tolerance' };
    }
    // First step: the unscaled gradient can be far too long; cap it at unit length.
    let step = scaled ? 1 : Math.min(1, 1 / Math.sqrt(dot(direction, direction)));
    let next: { value: number; gradient: number[] } | null = null;
    let candidate = x;
    for (let halvings = 0; halvings < 60; halvings++) {
      if (isPast(deadline)) return { x, value: current.value, iterations: iteration - 1, evaluations, converged: false, reason: TIME_LIMIT_REASON };
      candidate = x.map((v, i) => v + step * direction[i]);
      const trial = fg(candidate);
      evaluations += 1;
      if (finite(trial) && trial.value <= current.value + 1e-4 * step * slope) {
        next = trial;
        break;
      }
      step /= 2;
    }
    if (!next) {
      // No decrease along a descent direction: at the optimum to rounding, or the gradient is inconsistent with f.
      const atRounding = -slope * step <= 1e-14 * (1 + Math.abs(current.value));
      return { x, value: current.value, iterations: iteration, evaluations, converged: atRounding, reason: atRounding ? 'no further decrease at working precision' : 'line search failed' };
    }
    const s = candidate.map((v, i) => v - x[i]);
    const y = next.gradient.map((v, i) => v - g[i]);
    const decrease = current.value - next.value;
    x = candidate;
    current = next;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (!scaled) {
        // Scale the initial inverse Hessian to the curvature seen on the first step.
        const gamma = sy / dot(y, y);
        h = h.map((row, i) => row.map((_, j) => (i === j ? gamma : 0)));
        scaled = true;
      }
      h = bfgsUpdate(h, s, y, 1 / sy);
    }
    if (decrease <= negligible && scaled) {
      const g2 = current.gradient;
      const predicted = h.reduce((sum, row, i) => sum + g2[i] * dot(row, g2), 0) / 2;
      if (predicted <= tolerance * (1 + Math.abs(current.value))) return { x, value: current.value, iterations: iteration, evaluations, converged: true, reason: 'decrease and predicted decrease below tolerance' };
    }
  }
  return { x, value: current.value, iterations: maxIterations, evaluations, converged: false, reason: 'iteration limit reached before convergence' };
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));
}

/** H⁺ = (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ. */
function bfgsUpdate(h: number[][], s: number[], y: number[], rho: number): number[][] {
  const n = s.length;
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  const out: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i][j] = h[i][j] - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }
  }
  return out;
}
