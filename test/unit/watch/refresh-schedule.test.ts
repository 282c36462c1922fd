import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { backoffDelay } from "../../../src/watch/backoff.js";
import { DEFAULT_REFRESH_POLICY, refreshDelay } from "../../../src/watch/refresh-schedule.js";

const HOUR = 3_600_000;
const noJitter = () => 0.5;

describe("refreshDelay", () => {
  it("refreshes a one-hour token at 70% of its life, well before the 3-minute margin", () => {
    expect(refreshDelay(0, HOUR, 0, DEFAULT_REFRESH_POLICY, noJitter)).toBe(0.7 * HOUR);
  });

  it("keeps the 3-minute margin when 70% would come later than that", () => {
    const policy = { ratio: 0.99, marginMs: 180_000 };

    expect(refreshDelay(0, HOUR, 0, policy, noJitter)).toBe(HOUR - 180_000);
  });

  it("refreshes a token of a few seconds at 70%, not at once", () => {
    expect(refreshDelay(0, 5000, 0, DEFAULT_REFRESH_POLICY, noJitter)).toBe(3500);
  });

  it("counts from now, and is due at once when the point has passed", () => {
    expect(refreshDelay(0, HOUR, 0.5 * HOUR, DEFAULT_REFRESH_POLICY, noJitter)).toBe(0.2 * HOUR);
    expect(refreshDelay(0, HOUR, 0.9 * HOUR, DEFAULT_REFRESH_POLICY, noJitter)).toBe(0);
  });

  it("jitters by at most 2% of the lifetime and never past the margin for long tokens", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (r) => {
        const delay = refreshDelay(0, HOUR, 0, DEFAULT_REFRESH_POLICY, () => r);
        expect(Math.abs(delay - 0.7 * HOUR)).toBeLessThanOrEqual(0.02 * HOUR);
        expect(delay).toBeLessThan(HOUR - 180_000);
      }),
    );
  });
});

describe("backoffDelay", () => {
  it("doubles from the base and stops at the cap", () => {
    const policy = { baseMs: 250, maxMs: 5000 };

    expect([0, 1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, policy))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000,
    ]);
  });
});
