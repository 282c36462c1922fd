import { describe, expect, it } from "vitest";

import { ConfigError } from "../../../src/plan/config-error.js";
import { parseStackExchange } from "../../../src/plan/stackexchange.js";
import { CACHE_HOST, KEY } from "./fixtures.js";

describe("parseStackExchange", () => {
  it("reads the form Service Connector writes for .NET", () => {
    const text = `${CACHE_HOST}:6380,password=${KEY},ssl=True,abortConnect=False,defaultDatabase=2`;
    const parsed = parseStackExchange(text);

    expect(parsed.form).toBe("stackexchange-connection-string");
    expect(parsed.host).toBe(CACHE_HOST);
    expect(parsed.port).toBe(6380);
    expect(parsed.tls).toBe(true);
    expect(parsed.database).toBe(2);
    expect(parsed.password?.reveal()).toBe(KEY);
    expect(parsed.warnings).toEqual([]);
  });

  it("matches option names case-insensitively", () => {
    const parsed = parseStackExchange(`${CACHE_HOST},PASSWORD=${KEY},SSL=false,DefaultDatabase=1`);

    expect(parsed.password?.reveal()).toBe(KEY);
    expect(parsed.tls).toBe(false);
    expect(parsed.database).toBe(1);
  });

  it("allows a host without a port and blanks around tokens", () => {
    const parsed = parseStackExchange(` ${CACHE_HOST} , ssl = true ,`);

    expect(parsed.host).toBe(CACHE_HOST);
    expect(parsed.port).toBeUndefined();
    expect(parsed.tls).toBe(true);
  });

  it("reads a user and a bracketed IPv6 endpoint", () => {
    const parsed = parseStackExchange(`[2001:db8::5]:6380,user=app,password=${KEY}`);

    expect(parsed.host).toBe("2001:db8::5");
    expect(parsed.port).toBe(6380);
    expect(parsed.username).toBe("app");
  });

  it("keeps unknown options as warnings, not errors", () => {
    const parsed = parseStackExchange(
      `${CACHE_HOST}:6380,password=${KEY},colour=blue,syncTimeout=5000`,
    );

    expect(parsed.warnings).toEqual([
      'the connection string: option "colour" is unknown and ignored',
    ]);
  });

  it("warns about extra endpoints and an empty password", () => {
    const parsed = parseStackExchange("a.example.com:6380,b.example.com:6380,password=");

    expect(parsed.host).toBe("a.example.com");
    expect(parsed.password).toBeUndefined();
    expect(parsed.warnings).toEqual([
      "the connection string lists 2 endpoints; only the first one is checked",
      "the connection string has an empty password=",
    ]);
  });

  it("keeps sslHost for certificate checks", () => {
    expect(parseStackExchange(`10.0.0.4:6380,sslHost=${CACHE_HOST}`).sslHost).toBe(CACHE_HOST);
  });

  it("renders the string with the key replaced", () => {
    const parsed = parseStackExchange(`${CACHE_HOST}:6380,password=${KEY},ssl=True`);

    expect(parsed.redacted).toBe(`${CACHE_HOST}:6380,password=***,ssl=True`);
  });

  it.each([
    [`${CACHE_HOST}:6380,ssl=maybe,password=${KEY}`, /ssl= in AZURE_REDIS_CONNECTIONSTRING/],
    [`${CACHE_HOST}:99999,password=${KEY}`, /port in AZURE_REDIS_CONNECTIONSTRING/],
    [`${CACHE_HOST},defaultDatabase=x,password=${KEY}`, /defaultDatabase= in AZURE_REDIS_/],
    [`password=${KEY},ssl=True`, /AZURE_REDIS_CONNECTIONSTRING names no host/],
  ])("rejects bad input %#, naming the variable and hiding the key", (text, message) => {
    const parse = () => parseStackExchange(text, "AZURE_REDIS_CONNECTIONSTRING");

    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(message);
    expect(parse).not.toThrow(KEY);
  });
});
