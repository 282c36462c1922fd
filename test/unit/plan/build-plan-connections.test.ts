import { describe, expect, it } from "vitest";

import { CACHE_HOST, configErrorFrom, KEY, planFor } from "./fixtures.js";

const SEVERAL = {
  AZURE_REDIS_HOST: CACHE_HOST,
  AZURE_REDIS_SESSIONS_CONNECTIONSTRING: `sessions.redis.cache.windows.net:6380,password=${KEY},ssl=True`,
  AZURE_REDIS_JOBS_HOST: "jobs.redis.cache.windows.net",
};

const SPRING = {
  SPRING_DATA_REDIS_HOST: "spring.redis.cache.windows.net",
  SPRING_DATA_REDIS_PASSWORD: KEY,
};

describe("buildPlan: choosing the connection", () => {
  it("lists every connection and picks the unnamed one", () => {
    const plan = planFor(SEVERAL);

    expect(plan.connection).toBeNull();
    expect(plan.connections).toEqual([
      { name: null, form: "identity-variables", host: CACHE_HOST, selected: true },
      {
        name: "JOBS",
        form: "identity-variables",
        host: "jobs.redis.cache.windows.net",
        selected: false,
      },
      {
        name: "SESSIONS",
        form: "stackexchange-connection-string",
        host: "sessions.redis.cache.windows.net",
        selected: false,
      },
    ]);
  });

  it("picks the connection --connection names, ignoring case", () => {
    const plan = planFor(SEVERAL, { flags: { connection: "sessions" } });

    expect(plan.connection).toBe("SESSIONS");
    expect(plan.target.host).toBe("sessions.redis.cache.windows.net");
    expect(plan.auth.method).toBe("connection-string");
  });

  it("rejects an unknown --connection, listing the names found", () => {
    const error = configErrorFrom(() => planFor(SEVERAL, { flags: { connection: "billing" } }));

    expect(error.message).toBe(
      "--connection billing: no connection by that name was found (named connections: JOBS, SESSIONS)",
    );
  });

  it("picks the first named connection when there is no unnamed one, and says so", () => {
    const plan = planFor({
      AZURE_REDIS_B_HOST: "b.redis.cache.windows.net",
      AZURE_REDIS_A_HOST: "a.redis.cache.windows.net",
    });

    expect(plan.connection).toBe("A");
    expect(plan.warnings.join("\n")).toMatch(
      /Several connections were found; checking connection A/,
    );
  });

  it("skips a connection without a host in favour of one with a host", () => {
    const plan = planFor({ AZURE_REDIS_CLIENTID: "client-1", AZURE_REDIS_X_HOST: CACHE_HOST });

    expect(plan.connection).toBe("X");
  });

  it("uses Spring Boot settings when they are the only ones", () => {
    const plan = planFor(
      {},
      { springProperties: { "spring.redis.host": CACHE_HOST, "spring.redis.port": "6380" } },
    );

    expect(plan.connection).toBe("spring");
    expect(plan.connections).toEqual([
      { name: "spring", form: "spring-boot", host: CACHE_HOST, selected: true },
    ]);
  });

  it("lets AZURE_REDIS win over Spring Boot settings, with a warning", () => {
    const plan = planFor({
      ...SPRING,
      AZURE_REDIS_CONNECTIONSTRING: `${CACHE_HOST}:6380,password=${KEY},ssl=True`,
    });

    expect(plan.target.host).toBe(CACHE_HOST);
    expect(plan.warnings.join("\n")).toMatch(
      /Both AZURE_REDIS_\* variables and Spring Boot settings are present; the unnamed AZURE_REDIS_\* connection wins/,
    );
  });

  it("picks Spring Boot settings with --connection spring", () => {
    const plan = planFor(
      { ...SPRING, AZURE_REDIS_HOST: CACHE_HOST },
      { flags: { connection: "Spring" } },
    );

    expect(plan.connection).toBe("spring");
    expect(plan.target.host).toBe("spring.redis.cache.windows.net");
  });

  it("warns that Spring Boot only connects with keys through Service Connector", () => {
    const plan = planFor({
      ...SPRING,
      AZURE_REDIS_HOST: CACHE_HOST,
      AZURE_REDIS_CLIENTID: "client-1",
    });

    expect(plan.warnings.join("\n")).toMatch(/Spring Boot \(and Go\) apps only support key-based/);
  });

  it("gives it for Spring Boot settings without a key, checked with an identity", () => {
    const plan = planFor({ SPRING_DATA_REDIS_HOST: CACHE_HOST });

    expect(plan.auth.method).toBe("system-assigned-identity");
    expect(plan.warnings.join("\n")).toMatch(/only support key-based/);
  });

  it("does not give that warning for Spring Boot settings alone", () => {
    expect(planFor(SPRING).warnings.join("\n")).not.toMatch(/key-based/);
  });
});

describe("buildPlan: missing settings", () => {
  it("names the variables it looked for, with a hint", () => {
    const error = configErrorFrom(() => planFor({ PATH: "/usr/bin" }));

    for (const name of [
      "AZURE_REDIS_CONNECTIONSTRING",
      "AZURE_REDIS_HOST",
      "AZURE_REDIS_<NAME>_",
      "SPRING_DATA_REDIS_HOST",
      "spring.data.redis.host",
    ]) {
      expect(error.message).toContain(name);
    }
    expect(error.hint).toMatch(/--env-file/);
    expect(error.hint).toMatch(/--host/);
  });

  it("asks for a host when a connection has none", () => {
    const error = configErrorFrom(() => planFor({ AZURE_REDIS_PASSWORD: KEY }));

    expect(error.message).toBe("No host was found for the unnamed AZURE_REDIS_* connection");
    expect(error.hint).toContain("AZURE_REDIS_HOST");
    expect(error.message + String(error.hint)).not.toContain(KEY);
  });
});

describe("buildPlan: variables and secrets", () => {
  it("lists every variable consulted, secrets as ***, with flags and ambient variables", () => {
    const plan = planFor(
      {
        AZURE_REDIS_CONNECTIONSTRING: `${CACHE_HOST}:6380,password=${KEY},ssl=True`,
        AZURE_REDIS_CLIENTSECRET: "principal-secret",
        AZURE_AUTHORITY_HOST: "https://login.example",
      },
      { flags: { port: 6380 } },
    );

    expect(plan.variables).toEqual([
      { name: "AZURE_REDIS_CLIENTSECRET", value: "***", source: "env" },
      {
        name: "AZURE_REDIS_CONNECTIONSTRING",
        value: `${CACHE_HOST}:6380,password=***,ssl=True`,
        source: "env",
      },
      { name: "AZURE_AUTHORITY_HOST", value: "https://login.example", source: "env" },
      { name: "--port", value: "6380", source: "flag" },
    ]);
  });

  it("never puts a key or client secret into the plan's JSON", () => {
    const plans = [
      planFor({
        AZURE_REDIS_CONNECTIONSTRING: `rediss://:${encodeURIComponent(KEY)}@${CACHE_HOST}:6380`,
      }),
      planFor({ AZURE_REDIS_HOST: CACHE_HOST, AZURE_REDIS_PASSWORD: KEY }),
      planFor(
        {},
        { springProperties: { "spring.data.redis.url": `rediss://:${KEY}@${CACHE_HOST}` } },
      ),
      planFor({
        AZURE_REDIS_HOST: CACHE_HOST,
        AZURE_REDIS_CLIENTID: "c",
        AZURE_REDIS_CLIENTSECRET: KEY,
        AZURE_REDIS_TENANTID: "t",
      }),
    ];

    for (const plan of plans) {
      const json = JSON.stringify(plan);
      expect(json).not.toContain(KEY);
      expect(json).not.toContain(encodeURIComponent(KEY));
      expect(json).toContain("***");
    }
  });
});
