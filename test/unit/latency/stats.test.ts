import { describe, expect, it } from "vitest";

import { summarise } from "../../../src/latency/stats.js";

/** 1, 2, …, n: small enough to work every figure out by hand. */
const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe("summarise", () => {
  it("gives the hand-computed figures for 1..100", () => {
    // avg = 5050 / 100; nearest rank: p50 → rank 50, p95 → rank 95, p99 → rank 99.
    expect(summarise(oneTo(100), 0)).toEqual({
      count: 100,
      errors: 0,
      min: 1,
      max: 100,
      avg: 50.5,
      p50: 50,
      p95: 95,
      p99: 99,
    });
  });

  it("picks ranks by rounding p/100 × n up", () => {
    // 10 samples: p50 → rank 5, p95 → ⌈9.5⌉ = 10, p99 → ⌈9.9⌉ = 10.
    expect(summarise(oneTo(10), 0)).toMatchObject({ p50: 5, p95: 10, p99: 10, avg: 5.5 });

    // 20 samples: p50 → rank 10, p95 → rank 19, p99 → ⌈19.8⌉ = 20.
    expect(summarise(oneTo(20), 0)).toMatchObject({ p50: 10, p95: 19, p99: 20, avg: 10.5 });

    // 101 samples: p50 → ⌈50.5⌉ = 51.
    expect(summarise(oneTo(101), 0)).toMatchObject({ p50: 51, p95: 96, p99: 100 });
  });

  it("answers with a measured sample rather than interpolating", () => {
    // An interpolating median of 1, 2, 3, 4 would be 2.5; the nearest rank (2) is the sample 2.
    expect(summarise([1, 2, 3, 4], 0)).toMatchObject({ p50: 2, p95: 4, p99: 4, avg: 2.5 });
  });

  it("reports a single sample as every figure", () => {
    expect(summarise([7.25], 0)).toEqual({
      count: 1,
      errors: 0,
      min: 7.25,
      max: 7.25,
      avg: 7.25,
      p50: 7.25,
      p95: 7.25,
      p99: 7.25,
    });
  });

  it("counts duplicates once each", () => {
    // avg = 11 / 4; p50 → rank 2 (a 2), p95 → ⌈3.8⌉ = 4 (the 5).
    expect(summarise([2, 2, 2, 5], 0)).toEqual({
      count: 4,
      errors: 0,
      min: 2,
      max: 5,
      avg: 2.75,
      p50: 2,
      p95: 5,
      p99: 5,
    });
  });

  it("sorts unsorted input without changing the caller's array", () => {
    const samples = Object.freeze([0.9, 0.1, 0.5, 0.3, 0.7]);

    expect(summarise(samples, 0)).toEqual({
      count: 5,
      errors: 0,
      min: 0.1,
      max: 0.9,
      avg: 0.5,
      p50: 0.5,
      p95: 0.9,
      p99: 0.9,
    });
    expect(samples).toEqual([0.9, 0.1, 0.5, 0.3, 0.7]);
  });

  it("rounds every figure to three decimals as the digits read", () => {
    expect(summarise([1.0005], 0).min).toBe(1.001);
    expect(summarise([2.71828], 0).p99).toBe(2.718);
    expect(summarise([0.0004], 0).max).toBe(0);

    // 0.1 + 0.2 is 0.30000000000000004 in binary; its mean still reads 0.15.
    expect(summarise([0.1, 0.2], 0).avg).toBe(0.15);
  });

  it("keeps the mean of equal samples equal to them despite floating-point sums", () => {
    // 0.1 + 0.1 + 0.1 = 0.30000000000000004, and divided by 3 that is a hair above 0.1.
    expect(summarise([0.1, 0.1, 0.1], 0)).toMatchObject({ min: 0.1, avg: 0.1, max: 0.1 });
  });

  it("counts errors apart and never folds them into the figures", () => {
    expect(summarise([1, 2], 5)).toMatchObject({ count: 2, errors: 5, min: 1, max: 2, avg: 1.5 });
  });

  it("gives null figures when nothing succeeded", () => {
    expect(summarise([], 3)).toEqual({
      count: 0,
      errors: 3,
      min: null,
      max: null,
      avg: null,
      p50: null,
      p95: null,
      p99: null,
    });
    expect(summarise([], 0)).toMatchObject({ count: 0, errors: 0, avg: null });
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["a negative time", -0.5],
  ])("refuses %s as a sample", (_label, sample) => {
    expect(() => summarise([1, sample], 0)).toThrow(RangeError);
  });

  it.each([
    ["negative", -1],
    ["fractional", 1.5],
    ["NaN", Number.NaN],
  ])("refuses a %s error count", (_label, errors) => {
    expect(() => summarise([1], errors)).toThrow(RangeError);
  });
});
