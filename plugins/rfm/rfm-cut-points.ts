/**
 * Cut points of a `bins`-bin split of ascending `sorted` values: for k = 1..bins-1 the value of
 * rank ceil(k * n / bins) (1-based), i.e. the smallest value that at least k/bins of the
 * population is at or below (the inverse of the empirical distribution, no interpolation).
 * Every cut point is therefore an observed value. `sorted` must hold at least one value.
 */
export function quantileCutPoints(sorted: ArrayLike<number>, bins: number): number[] {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile cut points need at least one value');
  const points: number[] = [];
  for (let k = 1; k < bins; k++) {
    // k * n / bins is a quotient of small integers: exact when whole, far from a whole number otherwise.
    points.push(sorted[Math.ceil((k * n) / bins) - 1]);
  }
  return points;
}

/**
 * The bin (1..points.length + 1, in ascending value order) a value falls in: 1 + the number of
 * cut points strictly below it. Bins are closed on the right, (c[k-1], c[k]], so a value equal
 * to a cut point falls in the bin BELOW it. It depends only on the value and the cut points:
 * equal values always share a bin.
 */
export function binOf(value: number, points: readonly number[]): number {
  let bin = 1;
  for (const point of points) if (value > point) bin++;
  return bin;
}
