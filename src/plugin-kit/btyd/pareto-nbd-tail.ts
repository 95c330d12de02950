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

/** Beyond this z the series needs more than about 39 / -ln z ≈ 3,900 terms: the 2F1 routes take over. */
export const TAIL_SERIES_MAX_Z = 0.99;
/** The tail after a term is below its z/(1-z) times; stopping there at 1e-17 of the sum also settles the derivative sums. */
const TAIL_TOLERANCE = 1e-17;

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
 * out[1..4], from y's terms at ages[offset] (see {@link fillAgeTerms}). False (out untouched) when
 * z > {@link TAIL_SERIES_MAX_Z}. Parameters must be positive and finite, x ≥ 0 and y ≥ 0.
 */
export function scaledLogTailFromAgeTerms(p: ParetoNbdParams, x: number, ages: Float64Array, offset: number, out: Float64Array, gradient: boolean): boolean {
  const { r, alpha, s, beta } = p;
  const alphaFirst = alpha <= beta;
  // z = (M-m)/(M+y).
  const z = alphaFirst ? (beta - alpha) * ages[offset + 5] : (alpha - beta) * ages[offset + 4];
  if (!(z <= TAIL_SERIES_MAX_Z)) return false;
  const eM = alphaFirst ? s + 1 : r + x;
  const c = r + s + x;
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
  const logAlphaY = ages[offset];
  const La = ages[offset + 2];
  const Lb = ages[offset + 3];
  // -r ln(1+y/α) - s ln(1+y/β) are α^r β^s against (α+y)^-r (β+y)^-s; what is left of the powers:
  // (α+y)^(1-x) (β+y)^-1 when α ≤ β, (α+y)^-x when α > β.
  const powers = alphaFirst ? (1 - x) * logAlphaY - ages[offset + 1] : -x * logAlphaY;
  out[0] = -r * La - s * Lb + powers - Math.log(c) + Math.log(sum);
  if (!gradient) return true;
  const sigmaA = sumA / sum;
  const sigmaB = sumB / sum;
  const sigmaZ = sumZ / sum;
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
