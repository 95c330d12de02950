import { describe, expect, it, vi } from 'vitest';
import { spin } from '../../numerics/testing/spin';
import { DEFAULT_FIT_LIMITS, fitOnLogScale, type LogScaleObjective } from './log-scale-fit';
import { ModelFitError } from './model-fit-error';

// Two exponential rates θ_i, each from n_i waiting times summing to S_i:
//   ln L = Σ n_i ln θ_i - θ_i S_i, maximised at θ_i = n_i / S_i with ln L = Σ n_i (ln(n_i/S_i) - 1);
//   in v = ln θ the gradient is n_i - θ_i S_i and the information n_i, so se(ln θ_i) = 1/√n_i
//   and, by the delta method, se(θ_i) = θ_i / √n_i.
const n = [12, 50];
const S = [8, 40];
const logLikelihood = (v: number[]) => v.reduce((sum, vi, i) => sum + n[i] * vi - Math.exp(vi) * S[i], 0);
const gradient = (v: number[]) => v.map((vi, i) => n[i] - Math.exp(vi) * S[i]);
const exact = { theta: [1.5, 1.25], logLikelihood: 12 * (Math.log(1.5) - 1) + 50 * (Math.log(1.25) - 1) };
const options = { maxIterations: 500, tolerance: 1e-12 };


describe('fitOnLogScale', () => {
  it('finds the maximum, its log-likelihood and delta-method standard errors', () => {
    const objective: LogScaleObjective = { logLikelihood, withGradient: (v) => ({ value: logLikelihood(v), gradient: gradient(v) }) };
    const fit = fitOnLogScale('Test', objective, [0, 0], options);
    // BFGS stops when the predicted gain is below 1e-12·(1 + |ln L|) ≈ 5e-11 in ln L: θ to about 1e-5.
    fit.params.forEach((p, i) => expect(p).toBeCloseTo(exact.theta[i], 4));
    expect(fit.logLikelihood).toBeCloseTo(exact.logLikelihood, 8);
    fit.standardErrors!.forEach((se, i) => expect(se).toBeCloseTo(exact.theta[i] / Math.sqrt(n[i]), 4));
  });

  it('carries on with Nelder-Mead where BFGS cannot go (here: no finite gradient)', () => {
    const objective: LogScaleObjective = { logLikelihood, withGradient: (v) => ({ value: logLikelihood(v), gradient: v.map(() => Number.NaN) }) };
    const fit = fitOnLogScale('Test', objective, [0, 0], options);
    expect(fit.iterations).toBeGreaterThan(0);
    fit.params.forEach((p, i) => expect(p).toBeCloseTo(exact.theta[i], 4));
    expect(fit.logLikelihood).toBeCloseTo(exact.logLikelihood, 8);
  });

  it('throws ModelFitError naming the model when there is no valid point to start from', () => {
    const invalid: LogScaleObjective = { logLikelihood: () => null, withGradient: () => null };
    expect(() => fitOnLogScale('Test', invalid, [0, 0], options)).toThrow(ModelFitError);
    expect(() => fitOnLogScale('Test', invalid, [0, 0], options)).toThrow(/^Test fit failed: /);
  });

  it('stops at maxMillis, Nelder-Mead included, and the error names the time limit', () => {
    // No finite gradient: BFGS gives up at once and Nelder-Mead, 5 ms an evaluation, runs into the limit.
    const slow: LogScaleObjective = {
      logLikelihood: (v) => {
        spin(5);
        return logLikelihood(v);
      },
      withGradient: (v) => ({ value: logLikelihood(v), gradient: v.map(() => Number.NaN) }),
    };
    const started = performance.now();
    expect(() => fitOnLogScale('Test', slow, [3, -3], { ...options, maxMillis: 100 }))
      .toThrow(/^Test fit failed: time limit of 100 ms reached before convergence \(after \d+ iterations\)$/);
    expect(performance.now() - started).toBeLessThan(100 + 4 * 5 + 300);
  });

  it('by default a fit stops after 60 s', () => {
    // The clock jumps a minute after the fit starts: without limits given, the 60 s default applies.
    const objective: LogScaleObjective = { logLikelihood, withGradient: (v) => ({ value: logLikelihood(v), gradient: gradient(v) }) };
    const start = performance.now();
    let calls = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => start + (calls++ > 0 ? DEFAULT_FIT_LIMITS.maxMillis + 1_000 : 0));
    try {
      expect(() => fitOnLogScale('Test', objective, [3, -3])).toThrow(/^Test fit failed: time limit of 60 s reached before convergence/);
    } finally {
      clock.mockRestore();
    }
  });
});
