/**
 * The p-th percentile of ascending samples by the nearest-rank method: the smallest sample such
 * that at least p% of all samples are less than or equal to it, i.e. the sample at rank
 * ⌈p/100 × n⌉ (1-based). Unlike interpolating methods it always answers with a latency that
 * was actually measured, and p100 is the maximum.
 *
 * `sorted` must be ascending and non-empty; `percent` must lie in (0, 100].
 */
export function nearestRank(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) {
    throw new RangeError("a percentile needs at least one sample");
  }
  if (!(percent > 0 && percent <= 100)) {
    throw new RangeError(`percentile must be in (0, 100], got ${percent}`);
  }

  // percent × n is computed first: for whole percents it is an exact integer, so the division
  // by 100 is either exact or at least 0.01 away from an integer and ⌈…⌉ cannot be misled.
  const rank = Math.ceil((percent * sorted.length) / 100);
  const index = Math.min(Math.max(rank, 1), sorted.length) - 1;

  return sorted[index] as number;
}
