import { describe, expect, it } from "vitest";

import { azureHostKind, defaultPort } from "../../../src/plan/azure-hosts.js";
import { checkHost, parseHostAndPort } from "../../../src/plan/endpoint.js";

describe("parseHostAndPort", () => {
  it("splits host and port", () => {
    expect(parseHostAndPort("cache.example.com:6380", "X")).toEqual({
      host: "cache.example.com",
      port: 6380,
    });
    expect(parseHostAndPort("cache.example.com", "X")).toEqual({ host: "cache.example.com" });
  });

  it("reads bracketed IPv6 with and without a port", () => {
    expect(parseHostAndPort("[::1]:6380", "X")).toEqual({ host: "::1", port: 6380 });
    expect(parseHostAndPort("[fe80::1%eth0]", "X")).toEqual({ host: "fe80::1%eth0" });
  });

  it("takes a bare IPv6 address as a host without a port", () => {
    expect(parseHostAndPort("2001:db8::1", "X")).toEqual({ host: "2001:db8::1" });
  });

  it.each(["", "host:", "host:abc", "ho st:1", "[::1]x", "a/b:1"])("rejects %j", (text) => {
    expect(() => parseHostAndPort(text, "AZURE_REDIS_HOST")).toThrow(/AZURE_REDIS_HOST/);
  });
});

describe("checkHost", () => {
  it("never quotes the rejected value", () => {
    const pasted = "cache:6380,password=SECRETSECRET";
    expect(() => checkHost(pasted, "AZURE_REDIS_HOST")).toThrow(/AZURE_REDIS_HOST/);
    expect(() => checkHost(pasted, "AZURE_REDIS_HOST")).not.toThrow(/SECRETSECRET/);
  });
});

describe("azure host kinds and default ports", () => {
  it("knows Azure Cache for Redis, Azure Managed Redis and others", () => {
    expect(azureHostKind("A.Redis.Cache.Windows.Net")).toBe("azure-cache");
    expect(azureHostKind("a.redis.cache.windows.net.")).toBe("azure-cache");
    expect(azureHostKind("a.westus.redis.azure.net")).toBe("azure-managed");
    expect(azureHostKind("a.westus.redisenterprise.cache.azure.net")).toBe("azure-managed");
    expect(azureHostKind("redis.cache.windows.net.example.com")).toBe("other");
  });

  it("defaults to 10000 on Azure Managed Redis and 6380/6379 elsewhere", () => {
    expect(defaultPort("a.redis.azure.net", true)).toBe(10000);
    expect(defaultPort("a.redis.azure.net", false)).toBe(10000);
    expect(defaultPort("a.redis.cache.windows.net", true)).toBe(6380);
    expect(defaultPort("localhost", false)).toBe(6379);
  });
});
