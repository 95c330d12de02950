// A terminating 2F1(-N, B; C; z) re-expanded in 1 - z, where its own series cancels badly.
import { exactish, multiplyEstimates } from './estimate-arithmetic';
import { type Estimate, gaussSeries } from './hyp2f1-series';
import { isNonPositiveInteger } from './signed-log-gamma';

/**
 * F(-N, B; C; z) = (C-B)_N / (C)_N · F(-N, B; B-C-N+1; 1-z) (A&S 15.3.6 with a = -N, where the
 * second term vanishes). For z near 1 its terms keep one sign where the series in z alternates.
 * Throws when B - C - N + 1 is a pole reached before the polynomial ends.
 */
export function polynomialInOneMinusZ(minusN: number, b: number, c: number, z: number): Estimate {
  if (!isNonPositiveInteger(minusN)) throw new RangeError(`hyp2f1: ${minusN} is not a non-positive integer`);
  const n = -minusN;
  const reversed = b - c - n + 1;
  if (isNonPositiveInteger(reversed) && -reversed < n) {
    throw new RangeError(`hyp2f1: the 1 - z form of 2F1(${minusN}, ${b}; ${c}; z) meets a pole`);
  }
  // (C-B)_N / (C)_N as a product of N ratios, in logs so it neither overflows nor underflows.
  let logAbs = 0;
  let sign: -1 | 0 | 1 = 1;
  for (let j = 0; j < n; j++) {
    const ratio = (c - b + j) / (c + j);
    if (ratio === 0) return { logAbs: -Infinity, sign: 0, relError: 0 };
    logAbs += Math.log(Math.abs(ratio));
    if (ratio < 0) sign = (-sign) as -1 | 1;
  }
  return multiplyEstimates(exactish({ logAbs, sign }, n), gaussSeries(minusN, b, reversed, 1 - z));
}
