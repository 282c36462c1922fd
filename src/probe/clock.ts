import { performance } from "node:perf_hooks";

/** Milliseconds since `start`, rounded to microseconds so JSON stays readable. */
export function elapsedSince(start: number): number {
  return Math.round((performance.now() - start) * 1000) / 1000;
}

export function now(): number {
  return performance.now();
}
