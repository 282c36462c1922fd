import { describe, expect, it } from "vitest";

import { CACHE_HOST, KEY, MANAGED_HOST, planFor } from "./fixtures.js";

describe("buildPlan: target defaults", () => {
  it.each([
    [CACHE_HOST, 6380],
    [MANAGED_HOST, 10000],
    ["redis.internal.example.com", 6380],
  ])("uses TLS and the right port for %s", (host, port) => {
    expect(planFor({ AZURE_REDIS_HOST: host }).target).toEqual({
      host,
      port,
      tls: true,
      database: 0,
    });
  });

  it.each([
    [{ AZURE_REDIS_CONNECTIONSTRING: "redis://localhost" }],
    [{ AZURE_REDIS_CONNECTIONSTRING: `localhost,password=${KEY},ssl=False` }],
    [{ AZURE_REDIS_HOST: "localhost", AZURE_REDIS_SSL: "false" }],
    [{ SPRING_REDIS_HOST: "localhost", SPRING_REDIS_SSL: "false" }],
  ])("uses plain text on 6379 when the settings turn TLS off (%#)", (env) => {
    expect(planFor(env).target).toMatchObject({ port: 6379, tls: false });
  });

  it("reads port 6379 without a TLS setting as plain text", () => {
    expect(planFor({ AZURE_REDIS_HOST: "localhost", AZURE_REDIS_PORT: "6379" }).target.tls).toBe(
      false,
    );
  });

  it("takes the database from the settings", () => {
    const env = { AZURE_REDIS_CONNECTIONSTRING: `rediss://:${KEY}@${CACHE_HOST}:6380/7` };

    expect(planFor(env).target.database).toBe(7);
  });
});

describe("buildPlan: flags win over settings", () => {
  it("overrides host, port and TLS, with warnings", () => {
    const plan = planFor(
      { AZURE_REDIS_HOST: CACHE_HOST, AZURE_REDIS_PORT: "6380", AZURE_REDIS_SSL: "true" },
      { flags: { host: "127.0.0.1", port: 16379, tls: false } },
    );

    expect(plan.target).toMatchObject({ host: "127.0.0.1", port: 16379, tls: false });
    expect(plan.warnings).toEqual([
      `--host 127.0.0.1 overrides the host ${CACHE_HOST} found in the settings`,
      "--port 16379 overrides port 6380 found in the settings",
      "--no-tls turns TLS off although the settings turn it on",
    ]);
  });

  it("needs only --host to form a target, checked with a system-assigned identity", () => {
    const plan = planFor({}, { flags: { host: CACHE_HOST } });

    expect(plan.target).toMatchObject({ host: CACHE_HOST, port: 6380, tls: true });
    expect(plan.auth.method).toBe("system-assigned-identity");
    expect(plan.connection).toBeNull();
  });

  it("combines --host with a client id from the environment", () => {
    const plan = planFor({ AZURE_REDIS_CLIENTID: "client-1" }, { flags: { host: CACHE_HOST } });

    expect(plan.auth.method).toBe("user-assigned-identity");
    expect(plan.target.host).toBe(CACHE_HOST);
  });

  it.each([
    [{ host: "bad host" }, /--host/],
    [{ host: CACHE_HOST, port: 0 }, /--port must be a port number/],
    [{ host: CACHE_HOST, port: 6380.5 }, /--port must be a port number/],
  ])("rejects bad flag values (%#)", (flags, message) => {
    expect(() => planFor({}, { flags })).toThrow(message);
  });
});

describe("buildPlan: --resolve", () => {
  it("sets the connect address when host and port match", () => {
    const resolve = { host: CACHE_HOST.toUpperCase(), port: 6380, address: "10.1.2.3" };
    const plan = planFor({ AZURE_REDIS_HOST: CACHE_HOST }, { flags: { resolve } });

    expect(plan.target.connectAddress).toBe("10.1.2.3");
    expect(plan.target.host).toBe(CACHE_HOST);
  });

  it("does not apply to another port, and says so", () => {
    const resolve = { host: CACHE_HOST, port: 6379, address: "10.1.2.3" };
    const plan = planFor({ AZURE_REDIS_HOST: CACHE_HOST }, { flags: { resolve } });

    expect(plan.target.connectAddress).toBeUndefined();
    expect(plan.warnings).toContain(
      `--resolve ${CACHE_HOST}:6379 does not match the target ${CACHE_HOST}:6380, so it does not apply`,
    );
  });

  it("connects to the endpoint and checks the certificate for sslHost", () => {
    const env = {
      AZURE_REDIS_CONNECTIONSTRING: `10.0.0.4:6380,password=${KEY},ssl=True,sslHost=${CACHE_HOST}`,
    };

    expect(planFor(env).target).toMatchObject({ host: CACHE_HOST, connectAddress: "10.0.0.4" });
  });
});

describe("buildPlan: target warnings", () => {
  it.each([
    [{ port: 6379, tls: true }, "Port 6379 is the non-TLS port but TLS is on"],
    [{ port: 6380, tls: false }, "Port 6380 is the TLS port but TLS is off"],
  ])("warns about a port and TLS mismatch on an Azure host (%#)", (flags, warning) => {
    const plan = planFor({ AZURE_REDIS_HOST: CACHE_HOST }, { flags });

    expect(plan.warnings.join("\n")).toContain(warning);
  });

  it("does not warn about the same port on a host outside Azure", () => {
    const plan = planFor({ AZURE_REDIS_HOST: "localhost" }, { flags: { port: 6379, tls: true } });

    expect(plan.warnings).toEqual([]);
  });

  it("warns about a database other than 0 on Azure Managed Redis", () => {
    const plan = planFor({ AZURE_REDIS_HOST: MANAGED_HOST, AZURE_REDIS_DATABASE: "1" });

    expect(plan.warnings).toContain(
      "Azure Managed Redis has only database 0; database 1 will be refused",
    );
  });

  it("warns that StackExchange.Redis needs ssl=True for TLS", () => {
    const plan = planFor({ AZURE_REDIS_CONNECTIONSTRING: `${CACHE_HOST}:6380,password=${KEY}` });

    expect(plan.target.tls).toBe(true);
    expect(plan.warnings.join("\n")).toMatch(/has no ssl=True/);
  });

  it("warns where Spring Boot's own defaults differ from the check's", () => {
    const plan = planFor({ SPRING_DATA_REDIS_HOST: CACHE_HOST, SPRING_DATA_REDIS_PASSWORD: KEY });

    expect(plan.target).toMatchObject({ port: 6380, tls: true });
    expect(plan.warnings.join("\n")).toMatch(/Spring Boot would use 6379/);
    expect(plan.warnings.join("\n")).toMatch(/Spring Boot would connect without TLS/);
  });
});
