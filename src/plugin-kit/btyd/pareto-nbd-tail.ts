import type { ParetoNbdParams } from './pareto-nbd.model';

// The tail integral of a Pareto/NBD customer's "died unseen" term,
//   F(y) = ∫_y^∞ (α+τ)^-(r+x) (β+τ)^-(s+1) dτ,   D = s (F(t_x) - F(T)),
// by one series that also gives its derivatives. Write m, M for the smaller and larger of α and β,
// e_m, e_M for their exponents (r+x for α, s+1 for β), c = r+s+x = e_m + e_M - 1 and
// z = (M-m)/(M+y) in [0, 1). Expanding (m+τ)^-e_m = (M+τ)^-e_m (1 - (M-m)/(M+τ))^-e_m binomially
// and integrating term by term gives F = (M+y)^-c / c · 2F1(c, e_m; c+1; z) (Fader & Hardie's A0
// term over c); Euler's transformation turns it into
//   F = (m+y)^(1-e_m) (M+y)^-e_M / c · S,   S = Σ_n t_n,   t_n = (e_M)_n / (c+1)_n · z^n,
// whose terms are positive, at most z^n (e_M < c+1) and never overflow, however large x is.
// With A_n = Σ_{j<n} 1/(e_M+j) and B_n = Σ_{j<n} 1/(c+1+j), ∂t_n/∂e_M = t_n A_n (c held),
// ∂t_n/∂c = -t_n B_n and ∂t_n/∂z = n t_n / z: the derivatives come from the same pass.
// The fit works with φ(y) = ln(α^r β^s F(y)), in which the large s ln β and -s ln(β+y) of the
// s, β → ∞ ridge meet as -s ln(1 + y/β) instead of cancelling.
//
// The series for S = 2F1(e_M, 1; c+1; z) needs about 39/(1-z) terms, 1 - z = (m+y)/(M+y): where
// m + y is small next to M, as on the r, α → ∞ ridge of data with little purchase-rate
// heterogeneity (or the s, β → ∞ one), hundreds of thousands. The general 2F1 routes, which took
// over there, need as many (and fail beyond their 200,000 terms), nine times per φ for a
// differenced gradient: seconds per evaluation of a likelihood over a few dozen customers.
// Beyond TAIL_SERIES_MAX_Z, S comes from Gauss's continued fraction for it instead, which needs
// about 18/√(1-z) steps at worst and far fewer where c = r+s+x is large, with its derivatives.

/** Beyond this z the series needs more than about 39 / -ln z ≈ 3,900 terms: the continued fraction takes over. */
export const TAIL_SERIES_MAX_Z = 0.99;
/** The tail after a term is below its z/(1-z) times; stopping there at 1e-17 of the sum also settles the derivative sums. */
const TAIL_TOLERANCE = 1e-17;
/**
 * Steps of the continued fraction before it gives up (the 2F1 routes take over): enough for
 * 1 - z down to about 1e-7 (some 45,000 steps) where c is small, far below where a fit goes.
 */
const FRACTION_MAX_STEPS = 100_000;
const EPS = 2 ** -52;

// Scratch of tailSumByFraction: derivatives of its running quantities in its three directions.
const dg = new Float64Array(3);
const dh = new Float64Array(3);
const da = new Float64Array(3);
const dC = new Float64Array(3);
const dEps = new Float64Array(3);
const dD = new Float64Array(3);
const dEta = new Float64Array(3);
const dQ = new Float64Array(3);
const dEpsNext = new Float64Array(3);
const dCNext = new Float64Array(3);
const dEtaNext = new Float64Array(3);
const ell = new Float64Array(3);
const dLogF = new Float64Array(3);
const fractionOut = new Float64Array(4);

/**
 * ln S, S = 2F1(e_M, 1; c+1; z) = Σ_n (e_M)_n / (c+1)_n z^n with c = e_M + e_m - 1, e_M, e_m > 0
 * and 0 ≤ z = 1 - ω < 1, by Gauss's continued fraction for 2F1(a, 1; a+b+1; z) (the one of the
 * incomplete beta function):
 *   S = 1/f,  f = 1 - g_1 z / (1 - g_2 z / (1 - g_3 z / ...)),
 *   g_(2m+1) = (c+m)(e_M+m) / ((c+2m)(c+2m+1)),   g_(2m) = m(e_m-1+m) / ((c+2m-1)(c+2m)),
 * every g in (0, 1) (a g-fraction: its partial values stay positive). The g tend to 1/4, so the
 * steps shrink by a factor of about (1-√ω)/(1+√ω) each at worst, and far faster where c is large.
 *
 * Evaluated forwards as Lentz does, f_j = f_(j-1) C_j D_j with C_j = 1 - g_j z / C_(j-1) and
 * 1/D_j = 1 - g_j z D_(j-1), but without its cancellations where ω and e_m/c are small: there
 * g_(2m+1) z is within ω + e_m/c of 1 while C_(2m) and 1/D_(2m) are within g_(2m) of 1, and the
 * differences would leave C and 1/D only about ε/(ω + e_m/c) precise, a noise that the many
 * steps there add up. Instead, with ε_j = g_j z / C_(j-1) and η_j = g_j z D_(j-1),
 *   C_j = 1 - ε_j, or (1 - g_j z - ε_(j-1)) / C_(j-1) once ε_j > 1/2,
 *   1/D_j = 1 - η_j, or (1 - g_j z - η_(j-1)) D_(j-1) once η_j > 1/2,
 * with 1 - g_(2m+1) z = (m(2c+3m+1) + (c+m)e_m) / ((c+2m)(c+2m+1)) + g_(2m+1) ω exact, and
 * the step C_j D_j = 1 + δ_j from δ_j = g_j z D_j δ_(j-1) / C_(j-1) (δ_0 = -1), a product
 * that keeps its relative precision down to nothing. With `derivatives`, every quantity carries
 * its derivatives with respect to e_M (c held), c (e_M held) and z. Into out: ln S, ∂ln S/∂e_M,
 * ∂ln S/∂c, ∂ln S/∂z. False when it has not settled within FRACTION_MAX_STEPS steps.
 */
export function tailSumByFraction(eM: number, em: number, c: number, omega: number, derivatives: boolean, out: Float64Array): boolean {
  const z = 1 - omega;
  const n = derivatives ? 3 : 0;
  let C = 1;
  let eps = 0;
  let D = 0;
  let eta = 0;
  let delta = -1;
  let logF = 0;
  dC.fill(0);
  dEps.fill(0);
  dD.fill(0);
  dEta.fill(0);
  ell.fill(0);
  dLogF.fill(0);
  // Steps in a row that changed ln f (then its derivatives) by less than rounding; ln f once settled.
  let quiet = 0;
  let quietDerivatives = 0;
  let logS = Number.NaN;
  for (let j = 1; j <= FRACTION_MAX_STEPS; j++) {
    let g: number;
    let h: number;
    if (j & 1) {
      const m = (j - 1) / 2;
      const p = c + 2 * m;
      const inverse = 1 / (p * (p + 1));
      g = (c + m) * (eM + m) * inverse;
      h = (m * (2 * c + 3 * m + 1) + (c + m) * em) * inverse + g * omega;
      if (derivatives) {
        dg[0] = (c + m) * inverse;
        dg[1] = (eM + m) * inverse - g * (1 / p + 1 / (p + 1));
      }
    } else {
      const m = j / 2;
      const p = c + 2 * m;
      const inverse = 1 / ((p - 1) * p);
      g = m * (em - 1 + m) * inverse;
      h = 1 - g * z;
      if (derivatives) {
        // e_m = c + 1 - e_M moves against e_M and with c.
        dg[0] = -m * inverse;
        dg[1] = m * inverse - g * (1 / (p - 1) + 1 / p);
      }
    }
    dg[2] = 0;
    const a = g * z;
    const epsNext = a / C;
    const cNext = epsNext <= 0.5 ? 1 - epsNext : (h - eps) / C;
    const etaNext = a * D;
    const q = etaNext <= 0.5 ? 1 - etaNext : (h - eta) * D;
    if (!(cNext > 0 && q > 0)) return false;
    const dNext = 1 / q;
    const deltaNext = (a * delta) / (C * q);
    const small = Math.abs(deltaNext) < 0.5;
    logF += small ? Math.log1p(deltaNext) : Math.log(cNext) - Math.log(q);
    // Two quiet steps in a row: a tiny even step says nothing of the odd one after it. The value
    // stops where it settles, with or without the derivatives, which may take a few more steps.
    if (quiet < 2) {
      quiet = Math.abs(deltaNext) <= EPS * Math.max(1, Math.abs(logF)) ? quiet + 1 : 0;
      if (quiet === 2) {
        logS = -logF;
        if (!derivatives) break;
      }
    }
    let settled = true;
    for (let k = 0; k < n; k++) {
      dh[k] = k === 2 ? -g : -z * dg[k];
      da[k] = k === 2 ? g : z * dg[k];
      dEpsNext[k] = (da[k] - epsNext * dC[k]) / C;
      dCNext[k] = epsNext <= 0.5 ? -dEpsNext[k] : (dh[k] - dEps[k] - cNext * dC[k]) / C;
      dEtaNext[k] = da[k] * D + a * dD[k];
      dQ[k] = etaNext <= 0.5 ? -dEtaNext[k] : (dh[k] - dEta[k]) * D + (h - eta) * dD[k];
      // ℓ = ∂ln|δ|: δ_j = a δ_(j-1) / (C_(j-1) q_j).
      ell[k] += da[k] / a - dC[k] / C - dQ[k] / q;
      const step = small ? (deltaNext * ell[k]) / (1 + deltaNext) : dCNext[k] / cNext - dQ[k] / q;
      dLogF[k] += step;
      if (!(Math.abs(step) <= EPS * (1 + Math.abs(dLogF[k])))) settled = false;
      dEps[k] = dEpsNext[k];
      dC[k] = dCNext[k];
      dEta[k] = dEtaNext[k];
      dD[k] = -dQ[k] * dNext * dNext;
    }
    C = cNext;
    eps = epsNext;
    D = dNext;
    eta = etaNext;
    delta = deltaNext;
    quietDerivatives = settled ? quietDerivatives + 1 : 0;
    if (quiet === 2 && quietDerivatives >= 2) break;
  }
  if (!(quiet === 2 && (!derivatives || quietDerivatives >= 2))) return false;
  out[0] = logS;
  out[1] = -dLogF[0];
  out[2] = -dLogF[1];
  out[3] = -dLogF[2];
  return Number.isFinite(logS) && (!derivatives || dLogF.every(Number.isFinite));
}

/** Terms of one age y in {@link fillAgeTerms}' layout, per parameter set. */
export const AGE_STRIDE = 8;

/**
 * What φ(y) (and the "alive at y" part of the likelihood) needs of y alone, into
 * ages[offset..offset+8]: ln(α+y), ln(β+y), ln(1+y/α), ln(1+y/β), 1/(α+y), 1/(β+y),
 * y/(α(α+y)) and y/(β(β+y)) (the last two are -∂/∂α ln(1+y/α) and -∂/∂β ln(1+y/β)).
 */
export function fillAgeTerms({ alpha, beta }: ParetoNbdParams, y: number, ages: Float64Array, offset: number): void {
  const inverseA = 1 / (alpha + y);
  const inverseB = 1 / (beta + y);
  ages[offset] = Math.log(alpha + y);
  ages[offset + 1] = Math.log(beta + y);
  ages[offset + 2] = Math.log1p(y / alpha);
  ages[offset + 3] = Math.log1p(y / beta);
  ages[offset + 4] = inverseA;
  ages[offset + 5] = inverseB;
  ages[offset + 6] = (y / alpha) * inverseA;
  ages[offset + 7] = (y / beta) * inverseB;
}

/**
 * φ(y) = ln(α^r β^s F(y)) into out[0] and, when `gradient`, ∂φ/∂r, ∂φ/∂α, ∂φ/∂s, ∂φ/∂β into
 * out[1..4], from y's terms at ages[offset] (see {@link fillAgeTerms}): by the series up to
 * {@link TAIL_SERIES_MAX_Z}, by the continued fraction beyond. False (out untouched) in the rare
 * case where the fraction does not settle (z within about 1e-7 of 1; the 2F1 routes take over).
 * Parameters must be positive and finite, x ≥ 0 and y ≥ 0.
 */
export function scaledLogTailFromAgeTerms(p: ParetoNbdParams, x: number, ages: Float64Array, offset: number, out: Float64Array, gradient: boolean): boolean {
  const { r, alpha, s, beta } = p;
  const alphaFirst = alpha <= beta;
  // z = (M-m)/(M+y).
  const z = alphaFirst ? (beta - alpha) * ages[offset + 5] : (alpha - beta) * ages[offset + 4];
  if (!(z < 1)) return false;
  const eM = alphaFirst ? s + 1 : r + x;
  const c = r + s + x;
  // ln S and, with the gradient, σ_A = ∂ln S/∂e_M, σ_B = -∂ln S/∂c and σ_Z = ∂ln S/∂z.
  let logSum: number;
  let sigmaA = 0;
  let sigmaB = 0;
  let sigmaZ = 0;
  if (z <= TAIL_SERIES_MAX_Z) {
    // The running term t_n and q_n = t_n / z (so that ∂/∂z needs no division by z, which may be 0).
    let q = 1;
    let sum = 1;
    let sumA = 0;
    let sumB = 0;
    let sumZ = 0;
    let a = 0;
    let b = 0;
    const tailFactor = z / (1 - z);
    for (let n = 1; ; n++) {
      const inverseC = 1 / (c + n);
      q = n === 1 ? eM * inverseC : q * (eM + n - 1) * inverseC * z;
      const t = q * z;
      sum += t;
      if (gradient) {
        a += 1 / (eM + n - 1);
        b += inverseC;
        sumA += t * a;
        sumB += t * b;
        sumZ += n * q;
      }
      if (t * tailFactor <= TAIL_TOLERANCE * sum) break;
    }
    logSum = Math.log(sum);
    if (gradient) {
      sigmaA = sumA / sum;
      sigmaB = sumB / sum;
      sigmaZ = sumZ / sum;
    }
  } else {
    // ω = 1 - z = (m+y)/(M+y) without the rounding of z; e_m = r+x when α ≤ β, s+1 when α > β.
    const omega = alphaFirst ? ages[offset + 5] / ages[offset + 4] : ages[offset + 4] / ages[offset + 5];
    if (!tailSumByFraction(eM, alphaFirst ? r + x : s + 1, c, omega, gradient, fractionOut)) return false;
    logSum = fractionOut[0];
    sigmaA = fractionOut[1];
    sigmaB = -fractionOut[2];
    sigmaZ = fractionOut[3];
  }
  const logAlphaY = ages[offset];
  const La = ages[offset + 2];
  const Lb = ages[offset + 3];
  // -r ln(1+y/α) - s ln(1+y/β) are α^r β^s against (α+y)^-r (β+y)^-s; what is left of the powers:
  // (α+y)^(1-x) (β+y)^-1 when α ≤ β, (α+y)^-x when α > β.
  const powers = alphaFirst ? (1 - x) * logAlphaY - ages[offset + 1] : -x * logAlphaY;
  out[0] = -r * La - s * Lb + powers - Math.log(c) + logSum;
  if (!gradient) return true;
  // ∂(ln S - ln c) with respect to e_m and e_M (through c as well) and z.
  const byEm = -1 / c - sigmaB;
  const byEM = sigmaA - 1 / c - sigmaB;
  const inverseA = ages[offset + 4];
  const inverseB = ages[offset + 5];
  const fromAlpha = r * ages[offset + 6];
  const fromBeta = s * ages[offset + 7];
  if (alphaFirst) {
    // e_m = r + x, e_M = s + 1, z = (β-α)/(β+y): ∂z/∂α = -1/(β+y), ∂z/∂β = (α+y)/(β+y)².
    out[1] = -La + byEm;
    out[2] = fromAlpha + (1 - x) * inverseA - sigmaZ * inverseB;
    out[3] = -Lb + byEM;
    out[4] = fromBeta - inverseB + (sigmaZ * inverseB * inverseB) / inverseA;
  } else {
    // e_m = s + 1, e_M = r + x, z = (α-β)/(α+y): ∂z/∂α = (β+y)/(α+y)², ∂z/∂β = -1/(α+y).
    out[1] = -La + byEM;
    out[2] = fromAlpha - x * inverseA + (sigmaZ * inverseA * inverseA) / inverseB;
    out[3] = -Lb + byEm;
    out[4] = fromBeta - sigmaZ * inverseA;
  }
  return true;
}

const ageScratch = new Float64Array(AGE_STRIDE);

/** φ(y) and, when `gradient`, its derivatives, as {@link scaledLogTailFromAgeTerms}, for one y. */
export function paretoNbdScaledLogTail(p: ParetoNbdParams, x: number, y: number, out: Float64Array, gradient: boolean): boolean {
  fillAgeTerms(p, y, ageScratch, 0);
  return scaledLogTailFromAgeTerms(p, x, ageScratch, 0, out, gradient);
}
