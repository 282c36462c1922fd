import { describe, expect, it } from "vitest";

import { ConfigError } from "../../../src/plan/config-error.js";
import { mergeEnvironment } from "../../../src/plan/environment.js";
import { findSpringConnection, parseSpringProperties } from "../../../src/plan/spring.js";
import { CACHE_HOST, KEY } from "./fixtures.js";

const NO_ENV = mergeEnvironment({});

function fromText(text: string, env: Record<string, string> = {}) {
  return findSpringConnection(parseSpringProperties(text), mergeEnvironment(env));
}

describe("parseSpringProperties", () => {
  it("reads keys and values, comments and continuations", () => {
    const text = "# cache\nspring.data.redis.host = a.example.com\nlong=one\\\n  two\n";

    expect(parseSpringProperties(text)).toEqual({
      "spring.data.redis.host": "a.example.com",
      long: "onetwo",
    });
  });

  it("turns a malformed escape into a ConfigError without quoting the text", () => {
    const parse = () => parseSpringProperties(`spring.redis.password=${KEY}\\u12`);

    expect(parse).toThrow(ConfigError);
    expect(parse).not.toThrow(KEY);
  });
});

describe("findSpringConnection", () => {
  it("returns null without any Spring Redis connection setting", () => {
    expect(findSpringConnection({ "spring.data.redis.timeout": "5s" }, NO_ENV)).toBeNull();
    expect(findSpringConnection(undefined, NO_ENV)).toBeNull();
  });

  it("reads Spring Boot 3 properties with ssl.enabled", () => {
    const settings = fromText(
      [
        `spring.data.redis.host=${CACHE_HOST}`,
        "spring.data.redis.port=6380",
        `spring.data.redis.password=${KEY}`,
        "spring.data.redis.database=3",
        "spring.data.redis.ssl.enabled=true",
      ].join("\n"),
    );

    expect(settings).toMatchObject({
      name: "spring",
      form: "spring-boot",
      host: CACHE_HOST,
      port: 6380,
      database: 3,
      tls: true,
    });
    expect(settings?.password?.reveal()).toBe(KEY);
    expect(settings?.variables).toContainEqual({
      name: "spring.data.redis.password",
      value: "***",
      source: "spring-properties",
    });
  });

  it("reads Spring Boot 2 properties with ssl", () => {
    const settings = fromText(`spring.redis.host=${CACHE_HOST}\nspring.redis.ssl=false`);

    expect(settings).toMatchObject({ host: CACHE_HOST, tls: false });
  });

  it("reads relaxed-binding variables of both generations", () => {
    const boot3 = fromText("", {
      SPRING_DATA_REDIS_HOST: CACHE_HOST,
      SPRING_DATA_REDIS_SSL_ENABLED: "true",
      SPRING_DATA_REDIS_USERNAME: "app",
    });
    const boot2 = fromText("", { SPRING_REDIS_HOST: CACHE_HOST, SPRING_REDIS_SSL: "true" });

    expect(boot3).toMatchObject({ host: CACHE_HOST, tls: true, username: "app" });
    expect(boot2).toMatchObject({ host: CACHE_HOST, tls: true });
  });

  it("lets variables win over the file, with a warning", () => {
    const settings = fromText("spring.data.redis.host=old.example.com", {
      SPRING_DATA_REDIS_HOST: CACHE_HOST,
    });

    expect(settings?.host).toBe(CACHE_HOST);
    expect(settings?.warnings).toContain(
      "SPRING_DATA_REDIS_HOST overrides spring.data.redis.host from the properties file; " +
        "Spring Boot gives environment variables precedence",
    );
  });

  it("prefers Boot 3 names over Boot 2 names and says so", () => {
    const settings = fromText(
      "spring.redis.host=old.example.com\nspring.data.redis.host=new.example.com",
    );

    expect(settings?.host).toBe("new.example.com");
    expect(settings?.warnings.join("\n")).toMatch(/spring\.data\.redis\.\* is used/);
  });

  it("reads a url, which wins over the host", () => {
    const settings = fromText(
      `spring.data.redis.url=rediss://:${KEY}@${CACHE_HOST}:6380/2\nspring.data.redis.host=other`,
    );

    expect(settings).toMatchObject({ host: CACHE_HOST, port: 6380, tls: true, database: 2 });
    expect(settings?.password?.reveal()).toBe(KEY);
    expect(settings?.variables).toContainEqual({
      name: "spring.data.redis.url",
      value: `rediss://:***@${CACHE_HOST}:6380/2`,
      source: "spring-properties",
    });
    expect(settings?.warnings).toContain(
      "spring.data.redis.url wins over spring.data.redis.host, as it does in Spring Boot",
    );
  });

  it.each([
    ["spring.data.redis.port=http", /spring\.data\.redis\.port must be a port/],
    ["spring.data.redis.host=h\nspring.data.redis.ssl.enabled=maybe", /ssl\.enabled must be/],
    ["spring.redis.host=h\nspring.redis.database=-1", /spring\.redis\.database must be/],
  ])("rejects %j naming the property", (text, message) => {
    expect(() => fromText(text)).toThrow(message);
  });
});
