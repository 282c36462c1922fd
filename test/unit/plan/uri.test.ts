import { describe, expect, it } from "vitest";

import { parseConnectionString } from "../../../src/plan/connection-string.js";
import { ConfigError } from "../../../src/plan/config-error.js";
import { decodePercentEscapes } from "../../../src/plan/percent-decoding.js";
import { parseRedisUri } from "../../../src/plan/uri.js";
import { CACHE_HOST, KEY } from "./fixtures.js";

describe("parseRedisUri", () => {
  it("reads an unencoded base64 key with + / and =", () => {
    const parsed = parseRedisUri("rediss://:ab+c/d==@x.redis.cache.windows.net:6380/0");

    expect(parsed.password?.reveal()).toBe("ab+c/d==");
    expect(parsed.host).toBe("x.redis.cache.windows.net");
    expect(parsed.port).toBe(6380);
    expect(parsed.database).toBe(0);
    expect(parsed.tls).toBe(true);
    expect(parsed.username).toBeUndefined();
  });

  it("decodes a percent-encoded key", () => {
    const parsed = parseRedisUri(`rediss://:${encodeURIComponent(KEY)}@${CACHE_HOST}:6380/1`);

    expect(parsed.password?.reveal()).toBe(KEY);
    expect(parsed.database).toBe(1);
  });

  it("reads a user name and a key", () => {
    const parsed = parseRedisUri(`rediss://app%40corp:${KEY}@${CACHE_HOST}:6380`);

    expect(parsed.username).toBe("app@corp");
    expect(parsed.password?.reveal()).toBe(KEY);
    expect(parsed.database).toBeUndefined();
  });

  it("reads redis:// as plain text and leaves a missing port unset", () => {
    const parsed = parseRedisUri("redis://localhost");

    expect(parsed.tls).toBe(false);
    expect(parsed.port).toBeUndefined();
    expect(parsed.password).toBeUndefined();
  });

  it("accepts an upper-case scheme, IPv6 and a db parameter", () => {
    const parsed = parseRedisUri("REDISS://[::1]:6380?db=4");

    expect(parsed.host).toBe("::1");
    expect(parsed.tls).toBe(true);
    expect(parsed.database).toBe(4);
  });

  it("keeps other query parameters as warnings", () => {
    const parsed = parseRedisUri(`rediss://:${KEY}@${CACHE_HOST}:6380/0?protocol=3`);

    expect(parsed.warnings).toEqual(['the connection string: parameter "protocol" is ignored']);
  });

  it("takes a key written without its colon as the key, with a warning", () => {
    const parsed = parseRedisUri(`rediss://${KEY}@${CACHE_HOST}:6380`);

    expect(parsed.password?.reveal()).toBe(KEY);
    expect(parsed.username).toBeUndefined();
    expect(parsed.warnings[0]).toMatch(/looks like an access key in the user name place/);
    expect(parsed.redacted).not.toContain(KEY);
  });

  it("renders the URI with the key replaced", () => {
    const parsed = parseRedisUri(`rediss://app:${KEY}@${CACHE_HOST}:6380/0`);

    expect(parsed.redacted).toBe(`rediss://app:***@${CACHE_HOST}:6380/0`);
  });

  it.each([
    ["https://host:6380", /AZURE_REDIS_CONNECTIONSTRING has the scheme "https"/],
    [`rediss://:${KEY}@${CACHE_HOST}:port/0`, /port in AZURE_REDIS_CONNECTIONSTRING/],
    [`rediss://:${KEY}@${CACHE_HOST}:6380/zero`, /database in the path of AZURE_REDIS_/],
    [`rediss://:${KEY}@/0`, /host in AZURE_REDIS_CONNECTIONSTRING is empty/],
    ["not a uri", /has no scheme/],
  ])("rejects bad input %#, naming the variable and hiding the key", (text, message) => {
    const parse = () => parseRedisUri(text, "AZURE_REDIS_CONNECTIONSTRING");

    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(message);
    expect(parse).not.toThrow(KEY);
  });
});

describe("decodePercentEscapes", () => {
  it("decodes escapes, keeps + and keeps invalid sequences as written", () => {
    expect(decodePercentEscapes("a%2Bb+c%2F%3D")).toBe("a+b+c/=");
    expect(decodePercentEscapes("100%zz%E2")).toBe("100%zz%E2");
  });
});

describe("parseConnectionString", () => {
  it("tells the two forms apart", () => {
    expect(parseConnectionString(`rediss://:${KEY}@${CACHE_HOST}:6380`).form).toBe(
      "uri-connection-string",
    );
    expect(parseConnectionString(`${CACHE_HOST}:6380,password=${KEY}`).form).toBe(
      "stackexchange-connection-string",
    );
  });
});
