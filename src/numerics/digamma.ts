// The digamma function and its finite-difference form, the slope of ln Γ over a small step.

/** Shift arguments up to here before using the asymptotic (Stirling) series. */
const ASYMPTOTIC_FROM = 10;

/**
 * Stirling's correction Σ B2j / (2j (2j-1) x^(2j-1)) for j = 1..7, as [power, coefficient]; from
 * x = 10 the first omitted term, B16/(16·15 x^15), is below 3e-17.
 */
const STIRLING_TERMS: readonly (readonly [power: number, coefficient: number])[] = [
  [1, 1 / 12],
  [3, -1 / 360],
  [5, 1 / 1260],
  [7, -1 / 1680],
  [9, 1 / 1188],
  [11, -691 / 360360],
  [13, 1 / 156],
];

/** log1p(y) / y, continuous through y = 0 (where it is 1). */
export function log1pOverX(y: number): number {
  if (Math.abs(y) < 1e-4) return 1 - y * (1 / 2 - y * (1 / 3 - y / 4));
  return Math.log1p(y) / y;
}

/** expm1(y) / y, continuous through y = 0 (where it is 1). */
export function expm1OverX(y: number): number {
  if (Math.abs(y) < 1e-5) return 1 + y * (1 / 2 + y / 6);
  return Math.expm1(y) / y;
}

/**
 * The slope of ln|Γ| between x and x + h: (ln|Γ(x + h)| - ln|Γ(x)|) / h, accurate for tiny h and
 * equal to the digamma function ψ(x) at h = 0. Any real x that is not a pole, and h with no pole
 * between x and x + h (h/(x + j) > -1 for j = 0, 1, ...). Throws otherwise.
 */
export function logGammaSlope(x: number, h: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(h)) throw new RangeError(`logGammaSlope: non-finite argument (${x}, ${h})`);
  // Γ(x + 1) = x Γ(x): each step down the ladder takes off (ln(x + j + h) - ln(x + j)) / h.
  let shifted = x;
  let ladder = 0;
  // Both ends of the step must reach the asymptotic range.
  while (shifted < ASYMPTOTIC_FROM || shifted + h < ASYMPTOTIC_FROM) {
    const y = h / shifted;
    if (shifted === 0 || !(y > -1)) throw new RangeError(`logGammaSlope: a pole of Γ lies between ${x} and ${x + h}`);
    ladder += log1pOverX(y) / shifted;
    shifted += 1;
  }
  const y = h / shifted;
  const logStep = log1pOverX(y); // (ln(s + h) - ln s) / h · s
  // ((s + h - 1/2) ln(s + h) - (s - 1/2) ln s - h) / h, rearranged so nothing cancels.
  let slope = ((shifted - 0.5) * logStep) / shifted + Math.log(shifted + h) - 1;
  // (1/(s + h)^p - 1/s^p) / h = s^-p · (-p/s) · L(h/s) · E(-p ln(1 + h/s)).
  const logRatio = Math.log1p(y);
  const inverse = 1 / shifted;
  let inversePower = inverse; // s^-p, p = 1, 3, 5, ...
  for (const [power, coefficient] of STIRLING_TERMS) {
    slope -= coefficient * inversePower * power * inverse * logStep * expm1OverX(-power * logRatio);
    inversePower *= inverse * inverse;
  }
  return slope - ladder;
}

/** The digamma function ψ(x) = d/dx ln Γ(x), for real x other than 0, -1, -2, ... (throws there). */
export function digamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) throw new RangeError(`digamma: pole at ${x}`);
  if (x < 0) {
    // Reflection ψ(1 - x) - ψ(x) = π cot(πx) avoids a long ladder up from very negative x.
    const fraction = x - Math.round(x);
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * fraction);
  }
  return logGammaSlope(x, 0);
}
