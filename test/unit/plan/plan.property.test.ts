import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { checkHost, parseHostAndPort } from "../../../src/plan/endpoint.js";
import { parseConnectionString } from "../../../src/plan/connection-string.js";
import { ConfigError } from "../../../src/plan/config-error.js";
import { parseEnvFile } from "../../../src/plan/env-file.js";
import { decodePercentEscapes } from "../../../src/plan/percent-decoding.js";
import { parseSpringProperties } from "../../../src/plan/spring.js";
import { parseStackExchange } from "../../../src/plan/stackexchange.js";
import { parseRedisUri } from "../../../src/plan/uri.js";
import { parseBoolean, parseDatabase, parsePort } from "../../../src/plan/values.js";
import {
  accessKey,
  anyBase64Key,
  anyEnvFile,
  anyEnvironment,
  anyFlags,
  anySpringProperties,
  trickyText,
} from "./arbitraries.js";
import { BASE_FLAGS, planFor } from "./fixtures.js";
import { buildPlan } from "../../../src/plan/build-plan.js";

/** Runs `action`; anything it throws must be a ConfigError. */
function returnsOrThrowsConfigError(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
  }
}

const PARSERS: [string, (text: string) => unknown][] = [
  ["parseStackExchange", (text) => parseStackExchange(text)],
  ["parseRedisUri", (text) => parseRedisUri(text)],
  ["parseConnectionString", (text) => parseConnectionString(text)],
  ["parseEnvFile", parseEnvFile],
  ["parseSpringProperties", parseSpringProperties],
  ["parsePort", (text) => parsePort(text, "X")],
  ["parseDatabase", (text) => parseDatabase(text, "X")],
  ["parseBoolean", (text) => parseBoolean(text, "X")],
  ["checkHost", (text) => checkHost(text, "X")],
  ["parseHostAndPort", (text) => parseHostAndPort(text, "X")],
  ["decodePercentEscapes", decodePercentEscapes],
];

describe("properties: nothing but ConfigError escapes", () => {
  it.each(PARSERS)("%s returns or throws ConfigError for any text", (_name, parse) => {
    fc.assert(
      fc.property(fc.oneof(trickyText, fc.string({ unit: "binary" })), (text) => {
        returnsOrThrowsConfigError(() => parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it("buildPlan returns or throws ConfigError for any environment, files and flags", () => {
    fc.assert(
      fc.property(
        anyEnvironment,
        fc.option(anyEnvFile, { nil: undefined }),
        fc.option(anySpringProperties, { nil: undefined }),
        anyFlags,
        (env, envFile, springProperties, flags) => {
          returnsOrThrowsConfigError(() => {
            const plan = buildPlan({
              env,
              envFile,
              springProperties,
              flags: { ...BASE_FLAGS, ...flags },
            });
            expect(typeof JSON.stringify(plan)).toBe("string");
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("properties: keys survive a URI round trip", () => {
  const target = fc.record({
    key: anyBase64Key,
    host: fc.domain(),
    port: fc.integer({ min: 1, max: 65535 }),
    database: fc.integer({ min: 0, max: 63 }),
    encode: fc.boolean(),
  });

  it("parses rediss://:KEY@HOST:PORT/DB back to the same values, raw or encoded", () => {
    fc.assert(
      fc.property(target, ({ key, host, port, database, encode }) => {
        const written = encode ? encodeURIComponent(key) : key;
        const parsed = parseRedisUri(`rediss://:${written}@${host}:${port}/${database}`);

        expect(parsed.password?.reveal()).toBe(key);
        expect(parsed).toMatchObject({ host, port, database, tls: true });
      }),
    );
  });

  it("carries the same values through buildPlan", () => {
    fc.assert(
      fc.property(target, ({ key, host, port, database, encode }) => {
        const written = encode ? encodeURIComponent(key) : key;
        const plan = planFor({
          AZURE_REDIS_CONNECTIONSTRING: `rediss://:${written}@${host}:${port}/${database}`,
        });

        expect(plan.auth.password?.reveal()).toBe(key);
        expect(plan.target).toEqual({ host, port, database, tls: true });
      }),
    );
  });

  it("parses the StackExchange form back to the same values", () => {
    fc.assert(
      fc.property(target, ({ key, host, port, database }) => {
        const text = `${host}:${port},password=${key},ssl=True,defaultDatabase=${database}`;
        const parsed = parseStackExchange(text);

        expect(parsed.password?.reveal()).toBe(key);
        expect(parsed).toMatchObject({ host, port, database, tls: true });
      }),
    );
  });
});

describe("properties: a key never reaches the plan or an error", () => {
  const placements: ((key: string, host: string) => Record<string, string>)[] = [
    (key, host) => ({ AZURE_REDIS_CONNECTIONSTRING: `${host}:6380,password=${key},ssl=True` }),
    (key, host) => ({ AZURE_REDIS_CONNECTIONSTRING: `rediss://:${key}@${host}:6380/0` }),
    (key, host) => ({
      AZURE_REDIS_CONNECTIONSTRING: `rediss://user:${encodeURIComponent(key)}@${host}`,
    }),
    (key, host) => ({ AZURE_REDIS_X_CONNECTIONSTRING: `rediss://${key}@${host}` }),
    (key, host) => ({ AZURE_REDIS_HOST: host, AZURE_REDIS_PASSWORD: key }),
    (key, host) => ({ SPRING_REDIS_HOST: host, SPRING_REDIS_PASSWORD: key }),
    (key, host) => ({ SPRING_DATA_REDIS_URL: `rediss://:${key}@${host}:6380` }),
    (key, host) => ({
      AZURE_REDIS_HOST: host,
      AZURE_REDIS_CLIENTID: "client",
      AZURE_REDIS_CLIENTSECRET: key,
      AZURE_REDIS_TENANTID: "tenant",
    }),
  ];

  it("keeps the key out of JSON.stringify(plan) for every form", () => {
    fc.assert(
      fc.property(
        accessKey,
        fc.domain(),
        fc.constantFrom(...placements),
        anyFlags,
        (key, host, place, flags) => {
          try {
            const plan = planFor(place(key, host), { flags });
            expect(JSON.stringify(plan)).not.toContain(key);
          } catch (error) {
            if (!(error instanceof ConfigError)) throw error;
            expect(`${error.message} ${error.hint ?? ""}`).not.toContain(key);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps the key out of errors about the other parts of a connection string", () => {
    fc.assert(
      fc.property(accessKey, trickyText, trickyText, (key, endpoint, ssl) => {
        const env = { AZURE_REDIS_CONNECTIONSTRING: `${endpoint},password=${key},ssl=${ssl}` };
        try {
          planFor(env);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          expect(`${error.message} ${error.hint ?? ""}`).not.toContain(key);
        }
      }),
      { numRuns: 500 },
    );
  });
});
