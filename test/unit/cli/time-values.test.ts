import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";

import { parseCount, parseDuration, parseFraction } from "../../../src/cli/time-values.js";

describe("time and count flag values", () => {
  it.each([
    ["1500", 1500],
    ["1500ms", 1500],
    ["90s", 90_000],
    ["1.5s", 1500],
    ["5m", 300_000],
    ["1h", 3_600_000],
  ])("reads %s as %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "5 minutes", "-1s", "1d", "s"])("refuses the duration %j", (text) => {
    expect(() => parseDuration(text)).toThrow(InvalidArgumentError);
  });

  it("takes whole counts from 1 and fractions strictly between 0 and 1", () => {
    expect(parseCount("100")).toBe(100);
    expect(() => parseCount("0")).toThrow(InvalidArgumentError);
    expect(() => parseCount("2.5")).toThrow(InvalidArgumentError);
    expect(parseFraction("0.7")).toBe(0.7);
    expect(parseFraction(".5")).toBe(0.5);
    expect(() => parseFraction("1")).toThrow(InvalidArgumentError);
    expect(() => parseFraction("0")).toThrow(InvalidArgumentError);
  });
});
