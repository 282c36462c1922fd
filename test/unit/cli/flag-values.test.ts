import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";

import {
  collectNodeMapping,
  parseAuthMethod,
  parsePort,
  parseResolve,
  parseTimeout,
} from "../../../src/cli/flag-values.js";

describe("flag values", () => {
  it("parses --resolve as curl does, IPv6 in brackets included", () => {
    expect(parseResolve("cache.redis.cache.windows.net:6380:127.0.0.1")).toEqual({
      host: "cache.redis.cache.windows.net",
      port: 6380,
      address: "127.0.0.1",
    });
    expect(parseResolve("h:10000:[::1]")).toEqual({ host: "h", port: 10000, address: "::1" });
  });

  it.each(["h:6380", "h::1.2.3.4", "h:0:1.2.3.4", ":6380:1.2.3.4", "h:99999:1.2.3.4"])(
    "rejects --resolve %s",
    (value) => {
      expect(() => parseResolve(value)).toThrow(InvalidArgumentError);
    },
  );

  it("bounds ports and timeouts", () => {
    expect(parsePort("6380")).toBe(6380);
    expect(() => parsePort("6380x")).toThrow(InvalidArgumentError);
    expect(() => parsePort("70000")).toThrow(InvalidArgumentError);
    expect(parseTimeout("250")).toBe(250);
    expect(() => parseTimeout("10")).toThrow(InvalidArgumentError);
    expect(() => parseTimeout("1.5")).toThrow(InvalidArgumentError);
  });

  it("accepts only the documented method names", () => {
    expect(parseAuthMethod("workload-identity")).toBe("workload-identity");
    expect(() => parseAuthMethod("managed-identity")).toThrow(/expected one of/);
  });
});

describe("--node-map", () => {
  it("collects ADDRESS:PORT=HOST:PORT mappings, one per use", () => {
    const first = collectNodeMapping("10.0.0.5:15001=cache.example:6380");
    const both = collectNodeMapping("10.0.0.6:15002=10.1.0.6:15002", first);

    expect(both).toEqual([
      { from: "10.0.0.5:15001", to: { host: "cache.example", port: 6380 } },
      { from: "10.0.0.6:15002", to: { host: "10.1.0.6", port: 15002 } },
    ]);
    expect(() => collectNodeMapping("10.0.0.5=h:1")).toThrow(InvalidArgumentError);
  });
});
