import type { LatencySummary } from "./stats.js";

/**
 * One line for a person, e.g.
 * `min 0.201 / avg 0.254 / p50 0.240 / p95 0.310 / p99 0.420 / max 0.501 ms, 100 samples, 0 errors`.
 * Figures always show three decimals so that repeated lines (as in a watch loop) line up.
 */
export function formatLatency(summary: LatencySummary): string {
  const errors = plural(summary.errors, "error");
  const figures: ReadonlyArray<readonly [string, number | null]> = [
    ["min", summary.min],
    ["avg", summary.avg],
    ["p50", summary.p50],
    ["p95", summary.p95],
    ["p99", summary.p99],
    ["max", summary.max],
  ];

  if (summary.count === 0 || figures.some(([, value]) => value === null)) {
    return `no successful samples, ${errors}`;
  }

  const text = figures.map(([label, value]) => `${label} ${value?.toFixed(3)}`).join(" / ");
  return `${text} ms, ${plural(summary.count, "sample")}, ${errors}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
