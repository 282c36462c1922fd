import { describe, expect, it } from "vitest";

import { ConfigError } from "../../../src/plan/config-error.js";
import { describeValue, parseBoolean, parseDatabase, parsePort } from "../../../src/plan/values.js";

describe("parsePort", () => {
  it("reads ports with surrounding blanks", () => {
    expect(parsePort(" 6380 ", "X")).toBe(6380);
    expect(parsePort("1", "X")).toBe(1);
    expect(parsePort("65535", "X")).toBe(65535);
  });

  it.each(["0", "65536", "-1", "63.5", "6380x", "", "0x10", "1e3"])(
    "rejects %j and names the setting",
    (text) => {
      expect(() => parsePort(text, "AZURE_REDIS_PORT")).toThrow(ConfigError);
      expect(() => parsePort(text, "AZURE_REDIS_PORT")).toThrow(/AZURE_REDIS_PORT/);
    },
  );
});

describe("parseDatabase", () => {
  it("reads database numbers", () => {
    expect(parseDatabase("0", "X")).toBe(0);
    expect(parseDatabase("15", "X")).toBe(15);
  });

  it.each(["-1", "abc", "1.5", "99999999999", ""])("rejects %j", (text) => {
    expect(() => parseDatabase(text, "AZURE_REDIS_DATABASE")).toThrow(/AZURE_REDIS_DATABASE/);
  });
});

describe("parseBoolean", () => {
  it.each([
    ["True", true],
    ["true", true],
    ["YES", true],
    ["1", true],
    ["on", true],
    ["False", false],
    ["no", false],
    ["0", false],
    [" off ", false],
  ])("reads %j as %s", (text, expected) => {
    expect(parseBoolean(text, "X")).toBe(expected);
  });

  it("rejects anything else, quoting a short value", () => {
    expect(() => parseBoolean("maybe", "AZURE_REDIS_SSL")).toThrow(
      'AZURE_REDIS_SSL must be true or false, not "maybe"',
    );
  });
});

describe("describeValue", () => {
  it("quotes short values and hides long ones", () => {
    expect(describeValue("abc")).toBe('"abc"');
    expect(describeValue("x".repeat(44))).toBe("a value of 44 characters (not shown)");
  });

  it("hides values with control characters", () => {
    expect(describeValue("a\u001b[31m")).not.toContain("\u001b");
  });
});
