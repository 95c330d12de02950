// ln|Γ(x)| and the sign of Γ(x) for any real x, for formulas whose gamma arguments may be negative.
import { logGamma } from './log-gamma';

/** A real number as the log of its magnitude and its sign; zero is `{ logAbs: -Infinity, sign: 0 }`. */
export interface SignedLog {
  logAbs: number;
  sign: -1 | 0 | 1;
}

/** True when x is 0, -1, -2, ...: a pole of Γ (a zero of 1/Γ). */
export function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/**
 * ln|Γ(x)| and sign Γ(x) for real, non-pole x (reflection below 0.5).
 * At a pole (x = 0, -1, -2, ...) it returns `{ logAbs: Infinity, sign: 0 }`: callers dividing by
 * Γ(x) read it as 1/Γ(x) = 0. Throws for non-finite x.
 */
export function signedLogGamma(x: number): SignedLog {
  if (!Number.isFinite(x)) throw new RangeError(`signedLogGamma: non-finite argument ${x}`);
  if (x > 0) return { logAbs: logGamma(x), sign: 1 };
  if (Number.isInteger(x)) return { logAbs: Infinity, sign: 0 };
  // Γ(x) = π / (sin(πx) Γ(1 - x)); sin(πx) from the exact fractional part keeps full precision.
  const nearest = Math.round(x);
  const sinPiX = Math.sin(Math.PI * (x - nearest)) * (nearest % 2 === 0 ? 1 : -1);
  return {
    logAbs: Math.log(Math.PI) - Math.log(Math.abs(sinPiX)) - logGamma(1 - x),
    sign: sinPiX > 0 ? 1 : -1,
  };
}
