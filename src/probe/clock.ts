/**
 * Milliseconds on a monotonic clock. process.hrtime rather than performance.now(): the latter
 * loads Node's perf_hooks on first use, about a millisecond of start-up for a subtraction.
 */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Milliseconds since `start`, rounded to microseconds so JSON stays readable. */
export function elapsedSince(start: number): number {
  return Math.round((now() - start) * 1000) / 1000;
}
