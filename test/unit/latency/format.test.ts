import { describe, expect, it } from "vitest";

import { formatLatency } from "../../../src/latency/format.js";
import { summarise } from "../../../src/latency/stats.js";
import type { LatencySummary } from "../../../src/latency/stats.js";

describe("formatLatency", () => {
  it("prints the figures in one line with three decimals", () => {
    const summary: LatencySummary = {
      count: 100,
      errors: 0,
      min: 0.201,
      max: 0.501,
      avg: 0.254,
      p50: 0.24,
      p95: 0.31,
      p99: 0.42,
    };

    expect(formatLatency(summary)).toBe(
      "min 0.201 / avg 0.254 / p50 0.240 / p95 0.310 / p99 0.420 / max 0.501 ms, 100 samples, 0 errors",
    );
  });

  it("uses the singular for one sample and one error", () => {
    expect(formatLatency(summarise([2], 1))).toBe(
      "min 2.000 / avg 2.000 / p50 2.000 / p95 2.000 / p99 2.000 / max 2.000 ms, 1 sample, 1 error",
    );
  });

  it("says plainly when nothing succeeded", () => {
    expect(formatLatency(summarise([], 3))).toBe("no successful samples, 3 errors");
  });
});
