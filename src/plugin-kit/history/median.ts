/**
 * The median of a list of finite numbers: the middle value once sorted, or the mean of the two
 * middle values for an even count; null for an empty list. The input is not modified.
 */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
