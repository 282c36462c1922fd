import { nearestRank } from "./nearest-rank.js";
import { roundToThousandths } from "./rounding.js";

/**
 * Latency figures in milliseconds, each rounded to three decimals. `count` is the number of
 * successful samples; failed attempts are only counted in `errors` and never enter a figure,
 * since a timeout or a refusal has no round-trip time to speak of. With no successful sample
 * every figure is `null`.
 */
export interface LatencySummary {
  count: number;
  errors: number;
  min: number | null;
  max: number | null;
  /** Arithmetic mean, as `redis-cli --latency --json` reports it. */
  avg: number | null;
  /** Percentiles by the nearest-rank method (see `nearestRank`). */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * Summarises round-trip times in milliseconds, in any order, plus a count of failed attempts.
 * Throws a RangeError for a sample that is negative or not finite, or an error count that is
 * not a non-negative integer: those come from a clock or bookkeeping bug, not from the network.
 */
export function summarise(samplesMs: readonly number[], errors: number): LatencySummary {
  if (!Number.isInteger(errors) || errors < 0) {
    throw new RangeError(`errors must be a non-negative integer, got ${errors}`);
  }
  for (const sample of samplesMs) {
    if (!Number.isFinite(sample) || sample < 0) {
      throw new RangeError(`latency samples must be finite and >= 0, got ${sample}`);
    }
  }

  if (samplesMs.length === 0) {
    return { count: 0, errors, min: null, max: null, avg: null, p50: null, p95: null, p99: null };
  }

  const sorted = [...samplesMs].sort((a, b) => a - b);
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;

  return {
    count: sorted.length,
    errors,
    min: roundToThousandths(min),
    max: roundToThousandths(max),
    avg: roundToThousandths(meanWithin(sorted, min, max)),
    p50: roundToThousandths(nearestRank(sorted, 50)),
    p95: roundToThousandths(nearestRank(sorted, 95)),
    p99: roundToThousandths(nearestRank(sorted, 99)),
  };
}

/**
 * The arithmetic mean, kept inside [min, max]: a floating-point sum can drift a hair past the
 * extremes (three samples of 0.1 average to 0.10000000000000002), and after rounding that hair
 * could make the average print larger than the maximum.
 */
function meanWithin(samples: readonly number[], min: number, max: number): number {
  const sum = samples.reduce((total, sample) => total + sample, 0);

  return Math.min(Math.max(sum / samples.length, min), max);
}
