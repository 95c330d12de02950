/**
 * The weighted Pearson correlation of two variables over rows { a, b, weight }; null without
 * weight or when either variable is constant.
 */
export function weightedCorrelation(rows: Iterable<{ a: number; b: number; weight: number }>): number | null {
  const list = [...rows];
  const total = list.reduce((sum, row) => sum + row.weight, 0);
  if (!(total > 0)) return null;
  const meanA = list.reduce((sum, row) => sum + row.weight * row.a, 0) / total;
  const meanB = list.reduce((sum, row) => sum + row.weight * row.b, 0) / total;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (const { a, b, weight } of list) {
    covariance += weight * (a - meanA) * (b - meanB);
    varianceA += weight * (a - meanA) ** 2;
    varianceB += weight * (b - meanB) ** 2;
  }
  const r = covariance / Math.sqrt(varianceA * varianceB);
  return Number.isFinite(r) ? r : null;
}
