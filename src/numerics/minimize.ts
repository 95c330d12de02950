import { isPast, TIME_LIMIT_REASON } from './deadline';

// Derivative-free unconstrained minimisation: Nelder-Mead with dimension-adaptive coefficients
// (Gao & Han 2012), restarted at the optimum until a fresh simplex finds nothing better.

/** The outcome of {@link minimize}. */
export interface MinimizeResult {
  /** The best point found. */
  x: number[];
  /** f at `x` (+Infinity when no finite value was ever found). */
  value: number;
  /** Nelder-Mead iterations, summed over restarts. */
  iterations: number;
  /** Calls of f. */
  evaluations: number;
  converged: boolean;
  /** Why it stopped, in words. */
  reason: string;
}

export interface MinimizeOptions {
  /** Cap on iterations over all restarts (default 1000 per dimension). */
  maxIterations?: number;
  /** Relative tolerance on the spread of f over the simplex (default 1e-10); points must agree to its square root. */
  tolerance?: number;
  /** Initial simplex edge, relative to max(1, |x0_i|) (default 0.5). */
  initialStep?: number;
  /**
   * Stop, not converged and with reason {@link TIME_LIMIT_REASON}, once performance.now() passes
   * this time (ms; see deadline.ts). Checked before each iteration, so the overrun is at most
   * n + 2 evaluations of f. Unset: no time limit.
   */
  deadline?: number;
}

/** Restarts after the first convergence; a restart that improves nothing confirms the optimum. */
const MAX_RESTARTS = 5;

interface Vertex {
  x: number[];
  f: number;
}

/**
 * Minimises f from x0. f may return NaN or ±Infinity at invalid points: both count as +Infinity,
 * so the simplex simply moves away from them. Stops at convergence, at `maxIterations` or at the
 * `deadline`, with the best point so far. Never throws; check `converged` and `reason`.
 */
export function minimize(f: (x: number[]) => number, x0: number[], options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 1000 * Math.max(1, n);
  const tolerance = options.tolerance ?? 1e-10;
  const initialStep = options.initialStep ?? 0.5;
  let evaluations = 0;
  const evaluate = (x: number[]): number => {
    evaluations += 1;
    const value = f(x);
    // NaN would poison every comparison below; -Infinity is as invalid as NaN here.
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };

  let best: Vertex = { x: x0.slice(), f: evaluate(x0) };
  if (n === 0) return { x: [], value: best.f, iterations: 0, evaluations, converged: Number.isFinite(best.f), reason: 'no parameters' };
  if (!Number.isFinite(best.f)) {
    return { x: best.x, value: best.f, iterations: 0, evaluations, converged: false, reason: 'f is not finite at the starting point' };
  }

  let iterations = 0;
  for (let restart = 0; restart <= MAX_RESTARTS; restart++) {
    const run = nelderMead(evaluate, best, initialStep, { tolerance, maxIterations: maxIterations - iterations, deadline: options.deadline });
    iterations += run.iterations;
    const improvement = best.f - run.best.f;
    const previous = best;
    if (run.best.f < best.f) best = run.best;
    if (!run.converged) {
      return { x: best.x, value: best.f, iterations, evaluations, converged: false, reason: run.reason };
    }
    // The first run always needs confirming; later ones confirm when they found (almost) nothing.
    if (restart > 0 && improvement <= tolerance * (1 + Math.abs(previous.f))) {
      return { x: best.x, value: best.f, iterations, evaluations, converged: true, reason: `converged; confirmed by ${restart} restart(s)` };
    }
  }
  return {
    x: best.x, value: best.f, iterations, evaluations, converged: false,
    reason: `each of ${MAX_RESTARTS} restarts still improved f: no stable optimum`,
  };
}

interface RunResult {
  best: Vertex;
  iterations: number;
  converged: boolean;
  reason: string;
}

function nelderMead(
  evaluate: (x: number[]) => number, start: Vertex, step: number,
  { tolerance, maxIterations, deadline }: { tolerance: number; maxIterations: number; deadline: number | undefined },
): RunResult {
  const n = start.x.length;
  // Adaptive coefficients: plain NM (1, 2, 0.5, 0.5) stalls in higher dimensions.
  const reflectC = 1;
  const expandC = 1 + 2 / n;
  const contractC = 0.75 - 1 / (2 * n);
  const shrinkC = 1 - 1 / n;

  const simplex: Vertex[] = [{ x: start.x.slice(), f: start.f }];
  for (let i = 0; i < n; i++) {
    const x = start.x.slice();
    x[i] += step * Math.max(1, Math.abs(x[i]));
    simplex.push({ x, f: evaluate(x) });
  }

  const centroid = new Array<number>(n);
  const along = (coefficient: number, worst: number[]): number[] => {
    const x = new Array<number>(n);
    for (let j = 0; j < n; j++) x[j] = centroid[j] + coefficient * (centroid[j] - worst[j]);
    return x;
  };

  let iterations = 0;
  for (;;) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0];
    const worst = simplex[n];
    if (isSmall(simplex, tolerance)) {
      return { best, iterations, converged: true, reason: 'simplex collapsed within tolerance' };
    }
    if (iterations >= maxIterations) {
      return { best, iterations, converged: false, reason: 'iteration limit reached before convergence' };
    }
    if (isPast(deadline)) return { best, iterations, converged: false, reason: TIME_LIMIT_REASON };
    iterations += 1;

    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].x[j] / n;

    const reflected = along(reflectC, worst.x);
    const fr = evaluate(reflected);
    if (fr < best.f) {
      const expanded = along(expandC, worst.x);
      const fe = evaluate(expanded);
      simplex[n] = fe < fr ? { x: expanded, f: fe } : { x: reflected, f: fr };
      continue;
    }
    if (fr < simplex[n - 1].f) {
      simplex[n] = { x: reflected, f: fr };
      continue;
    }
    // Contract towards the better of the reflected and the worst point.
    const outside = fr < worst.f;
    const contracted = along(outside ? contractC : -contractC, worst.x);
    const fc = evaluate(contracted);
    if (fc < (outside ? fr : worst.f)) {
      simplex[n] = { x: contracted, f: fc };
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const x = simplex[i].x.map((v, j) => best.x[j] + shrinkC * (v - best.x[j]));
      simplex[i] = { x, f: evaluate(x) };
    }
  }
}

/** Converged when f agrees to `tolerance` (relative) and the points to its square root. */
function isSmall(sorted: Vertex[], tolerance: number): boolean {
  const best = sorted[0];
  const worst = sorted[sorted.length - 1];
  if (!Number.isFinite(worst.f)) return false;
  if (worst.f - best.f > tolerance * (1 + Math.abs(best.f))) return false;
  const xTolerance = Math.sqrt(tolerance);
  for (let i = 1; i < sorted.length; i++) {
    for (let j = 0; j < best.x.length; j++) {
      if (Math.abs(sorted[i].x[j] - best.x[j]) > xTolerance * (1 + Math.abs(best.x[j]))) return false;
    }
  }
  return true;
}
