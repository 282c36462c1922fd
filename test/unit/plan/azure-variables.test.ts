import { describe, expect, it } from "vitest";

import { findAzureConnections } from "../../../src/plan/azure-variables.js";
import { mergeEnvironment } from "../../../src/plan/environment.js";
import { CACHE_HOST, KEY } from "./fixtures.js";

function find(env: Record<string, string>, envFile?: Record<string, string>) {
  return findAzureConnections(mergeEnvironment(env, envFile));
}

describe("findAzureConnections", () => {
  it("reads the discrete variables of client type None", () => {
    const { connections } = find({
      AZURE_REDIS_HOST: CACHE_HOST,
      AZURE_REDIS_PORT: "6380",
      AZURE_REDIS_PASSWORD: KEY,
      AZURE_REDIS_SSL: "true",
      AZURE_REDIS_DATABASE: "5",
    });

    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({
      name: null,
      form: "discrete-variables",
      host: CACHE_HOST,
      port: 6380,
      tls: true,
      database: 5,
    });
    expect(connections[0]?.password?.reveal()).toBe(KEY);
    expect(connections[0]?.variables).toContainEqual({
      name: "AZURE_REDIS_PASSWORD",
      value: "***",
      source: "env",
    });
  });

  it("reads identity variables, keeping the client secret a secret", () => {
    const { connections } = find({
      AZURE_REDIS_HOST: CACHE_HOST,
      AZURE_REDIS_CLIENTID: "client-1",
      AZURE_REDIS_CLIENTSECRET: "s3cr3t-value",
      AZURE_REDIS_TENANTID: "tenant-1",
    });

    expect(connections[0]).toMatchObject({
      form: "identity-variables",
      clientId: "client-1",
      tenantId: "tenant-1",
    });
    expect(connections[0]?.clientSecret?.reveal()).toBe("s3cr3t-value");
    expect(JSON.stringify(connections)).not.toContain("s3cr3t-value");
  });

  it("finds named connections, unnamed first and the rest by name", () => {
    const { connections } = find({
      AZURE_REDIS_SESSIONS_HOST: "b.redis.cache.windows.net",
      AZURE_REDIS_HOST: CACHE_HOST,
      AZURE_REDIS_APP_CACHE_CONNECTIONSTRING: `a.redis.cache.windows.net:6380,password=${KEY}`,
    });

    expect(connections.map((c) => [c.name, c.host])).toEqual([
      [null, CACHE_HOST],
      ["APP_CACHE", "a.redis.cache.windows.net"],
      ["SESSIONS", "b.redis.cache.windows.net"],
    ]);
  });

  it("lets the env file win over the environment", () => {
    const { connections } = find(
      { AZURE_REDIS_HOST: "old.example.com" },
      { AZURE_REDIS_HOST: CACHE_HOST },
    );

    expect(connections[0]?.host).toBe(CACHE_HOST);
    expect(connections[0]?.variables).toEqual([
      { name: "AZURE_REDIS_HOST", value: CACHE_HOST, source: "env-file" },
    ]);
  });

  it("warns about unknown AZURE_REDIS_ names and empty values", () => {
    const { connections, warnings } = find({
      AZURE_REDIS_HOSTNAME: CACHE_HOST,
      AZURE_REDIS_HOST: CACHE_HOST,
      AZURE_REDIS_PASSWORD: "  ",
    });

    expect(warnings).toEqual([
      "AZURE_REDIS_HOSTNAME is not a variable this check reads; it is ignored",
    ]);
    expect(connections[0]?.password).toBeUndefined();
    expect(connections[0]?.warnings).toEqual([
      "AZURE_REDIS_PASSWORD is set but empty; it is ignored",
    ]);
  });

  it("lets the connection string win over disagreeing discrete variables", () => {
    const { connections } = find({
      AZURE_REDIS_CONNECTIONSTRING: `${CACHE_HOST}:6380,password=${KEY},ssl=True`,
      AZURE_REDIS_HOST: "other.redis.cache.windows.net",
      AZURE_REDIS_PORT: "6379",
      AZURE_REDIS_PASSWORD: "a-different-key",
    });

    expect(connections[0]).toMatchObject({ host: CACHE_HOST, port: 6380 });
    expect(connections[0]?.password?.reveal()).toBe(KEY);
    expect(connections[0]?.warnings).toEqual([
      "AZURE_REDIS_CONNECTIONSTRING and AZURE_REDIS_HOST disagree on the host " +
        `(${CACHE_HOST} vs other.redis.cache.windows.net); the connection string wins`,
      "AZURE_REDIS_CONNECTIONSTRING and AZURE_REDIS_PORT disagree on the port (6380 vs 6379); " +
        "the connection string wins",
      "AZURE_REDIS_CONNECTIONSTRING and AZURE_REDIS_PASSWORD hold different keys; " +
        "the connection string's key is used",
    ]);
  });

  it("does not warn when the connection string and variables agree", () => {
    const { connections } = find({
      AZURE_REDIS_CONNECTIONSTRING: `rediss://:${KEY}@${CACHE_HOST}:6380/0`,
      AZURE_REDIS_HOST: CACHE_HOST.toUpperCase(),
      AZURE_REDIS_PASSWORD: KEY,
    });

    expect(connections[0]?.warnings).toEqual([]);
  });

  it.each([
    [{ AZURE_REDIS_HOST: CACHE_HOST, AZURE_REDIS_PORT: "6380a" }, /AZURE_REDIS_PORT/],
    [{ AZURE_REDIS_HOST: CACHE_HOST, AZURE_REDIS_SSL: "maybe" }, /AZURE_REDIS_SSL must be/],
    [{ AZURE_REDIS_HOST: CACHE_HOST, AZURE_REDIS_DATABASE: "x" }, /AZURE_REDIS_DATABASE must/],
    [{ AZURE_REDIS_X_HOST: "bad host" }, /host in AZURE_REDIS_X_HOST/],
    [{ AZURE_REDIS_X_CONNECTIONSTRING: "rediss://:k@h:0" }, /AZURE_REDIS_X_CONNECTIONSTRING/],
  ])("rejects garbage %#, naming the variable", (env, message) => {
    expect(() => find(env)).toThrow(message);
  });
});
