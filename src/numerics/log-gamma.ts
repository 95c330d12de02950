// Natural log of the gamma and beta functions for positive arguments.

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

// Lanczos approximation with g = 7 and nine terms (Godfrey's coefficients): ~1e-15 on [0.5, 15].
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Above this, the Stirling series with four correction terms is accurate to machine precision. */
const STIRLING_FROM = 15;

function lanczos(x: number): number {
  // Evaluates lnΓ(x) for x >= 0.5 via Γ(x) = Γ(z + 1) / z with z = x - 1 written out.
  const z = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) sum += LANCZOS_COEFFICIENTS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

function stirling(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  // 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7), Horner form in 1/x^2.
  const correction = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + correction;
}

/**
 * ln Γ(x) for x > 0, to about 1e-14 relative (absolute near the zeros at x = 1 and 2).
 * Returns NaN for x <= 0 or non-finite x, so that callers guarding their inputs notice misuse.
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Number.NaN;
  if (x >= STIRLING_FROM) return stirling(x);
  if (x < 0.5) {
    // Reflection Γ(x)Γ(1-x) = π / sin(πx); for tiny x this is ≈ -ln x without cancellation.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lanczos(1 - x);
  }
  return lanczos(x);
}

/** ln B(a, b) = lnΓ(a) + lnΓ(b) - lnΓ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
