import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { roundToThousandths } from "../../../src/latency/rounding.js";
import { summarise } from "../../../src/latency/stats.js";

/** Round trips from a microsecond-fast loopback to a minutes-long stall, in milliseconds. */
const sampleMs = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
const samples = fc.array(sampleMs, { minLength: 1, maxLength: 300 });
const errorCount = fc.nat({ max: 1_000 });

/** The figures of a summary of at least one sample, which are never null. */
function figuresOf(input: readonly number[], errors = 0) {
  const { min, avg, p50, p95, p99, max } = summarise(input, errors);
  if (
    min === null ||
    avg === null ||
    p50 === null ||
    p95 === null ||
    p99 === null ||
    max === null
  ) {
    throw new Error("a summary of at least one sample has no null figure");
  }
  return { min, avg, p50, p95, p99, max };
}

describe("summarise (properties)", () => {
  it("orders min <= p50 <= p95 <= p99 <= max", () => {
    fc.assert(
      fc.property(samples, errorCount, (input, errors) => {
        const { min, p50, p95, p99, max } = figuresOf(input, errors);

        expect(min).toBeLessThanOrEqual(p50);
        expect(p50).toBeLessThanOrEqual(p95);
        expect(p95).toBeLessThanOrEqual(p99);
        expect(p99).toBeLessThanOrEqual(max);
      }),
    );
  });

  it("keeps the average between min and max", () => {
    fc.assert(
      fc.property(samples, (input) => {
        const { min, avg, max } = figuresOf(input);

        expect(avg).toBeGreaterThanOrEqual(min);
        expect(avg).toBeLessThanOrEqual(max);
      }),
    );
  });

  it("does not depend on the order of the samples", () => {
    const inputAndShuffle = samples.chain((input) =>
      fc.tuple(fc.constant(input), fc.shuffledSubarray(input, { minLength: input.length })),
    );

    fc.assert(
      fc.property(inputAndShuffle, errorCount, ([input, shuffled], errors) => {
        expect(summarise(shuffled, errors)).toEqual(summarise(input, errors));
      }),
    );
  });

  it("answers every percentile with a measured sample", () => {
    fc.assert(
      fc.property(samples, (input) => {
        const measured = new Set(input.map(roundToThousandths));
        const { p50, p95, p99 } = figuresOf(input);

        expect([p50, p95, p99].every((value) => measured.has(value))).toBe(true);
      }),
    );
  });

  it("counts samples and errors apart, with at most three decimals per figure", () => {
    fc.assert(
      fc.property(samples, errorCount, (input, errors) => {
        const summary = summarise(input, errors);

        expect(summary.count).toBe(input.length);
        expect(summary.errors).toBe(errors);
        for (const value of Object.values(figuresOf(input, errors))) {
          expect(Number(value.toFixed(3))).toBe(value);
        }
      }),
    );
  });
});
