import { describe, expect, it } from "vitest";

import { nearestRank } from "../../../src/latency/nearest-rank.js";
import { roundToThousandths } from "../../../src/latency/rounding.js";

describe("roundToThousandths", () => {
  it.each([
    [1.0005, 1.001],
    [-1.0005, -1.001],
    [123.4565, 123.457],
    [2.0004999, 2],
    [0.1 + 0.2, 0.3],
    [0.25, 0.25],
    [1e-7, 0],
    [1e21, 1e21],
  ])("rounds %s to %s", (value, expected) => {
    expect(roundToThousandths(value)).toBe(expected);
  });

  it("never answers with a negative zero", () => {
    expect(Object.is(roundToThousandths(-0.0001), 0)).toBe(true);
  });
});

describe("nearestRank", () => {
  const sorted = [10, 20, 30, 40, 50];

  it("gives the smallest sample with at least p% of samples at or below it", () => {
    // 5 samples: p20 → rank 1, p21 → ⌈1.05⌉ = 2, p60 → rank 3, p100 → rank 5.
    expect(nearestRank(sorted, 20)).toBe(10);
    expect(nearestRank(sorted, 21)).toBe(20);
    expect(nearestRank(sorted, 60)).toBe(30);
    expect(nearestRank(sorted, 100)).toBe(50);
  });

  it("refuses an empty list and a percentile outside (0, 100]", () => {
    expect(() => nearestRank([], 50)).toThrow(RangeError);
    expect(() => nearestRank(sorted, 0)).toThrow(RangeError);
    expect(() => nearestRank(sorted, 100.5)).toThrow(RangeError);
    expect(() => nearestRank(sorted, Number.NaN)).toThrow(RangeError);
  });
});
