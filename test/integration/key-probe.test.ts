import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSilentServer, refusedPort, type FaultServer } from "../support/fault-servers.js";
import { startRedisServer, cacheHostName, type RedisServer } from "../support/redis-server.js";
import { baseEnv, expectNoSecrets, runInProcess, type CliResult } from "../support/run-cli.js";
import { startTestWorld, type TestWorld } from "../support/test-world.js";

let world: TestWorld;
let plainRedis: RedisServer;
let silent: FaultServer;
const plainKey = "Plain+Text/Key456==";

beforeAll(async () => {
  world = await startTestWorld();
  plainRedis = await startRedisServer({ accessKey: plainKey, tls: false });
  silent = await startSilentServer();
});

afterAll(async () => {
  await Promise.all([world?.stop(), plainRedis?.stop(), silent?.stop()]);
});

function allSecrets(): string[] {
  const { users } = world;
  return [world.accessKey, plainKey, users.reader.password, users.writerWithoutSet.password];
}

/** Flags that send the cache's name to 127.0.0.1 and trust the test CA. */
function localFlags(port = world.redis.port): string[] {
  return ["--resolve", `${cacheHostName}:${port}:127.0.0.1`, "--ca-file", world.ca.certPath];
}

async function check(env: Record<string, string>, flags: string[] = []): Promise<CliResult> {
  const result = await runInProcess(["--json", ...flags], baseEnv(env));
  expectNoSecrets(result, allSecrets());
  return result;
}

function report(result: CliResult) {
  return JSON.parse(result.stdout) as {
    ok: boolean;
    exitCode: number;
    auth: { method: string; username: string | null };
    phases: { name: string; ok: boolean }[];
    failure: { category: string; cause: string; hint: string } | null;
  };
}

describe("key-based probe against a real TLS redis-server", () => {
  it("passes with the StackExchange connection string", async () => {
    const port = world.redis.port;
    const connectionString = `${cacheHostName}:${port},password=${world.accessKey},ssl=True,abortConnect=False`;

    const result = await check({ AZURE_REDIS_CONNECTIONSTRING: connectionString }, localFlags());

    expect(result.code).toBe(0);
    const parsed = report(result);
    expect(parsed.ok).toBe(true);
    expect(parsed.auth.method).toBe("connection-string");
    expect(parsed.phases.map((p) => p.name)).toEqual([
      "dns",
      "tcp",
      "tls",
      "auth",
      "ping",
      "set",
      "get",
      "del",
    ]);
  });

  it("passes with the rediss:// form, the key unencoded, and with it percent-encoded", async () => {
    const port = world.redis.port;
    const raw = `rediss://:${world.accessKey}@${cacheHostName}:${port}/0`;
    const encoded = `rediss://:${encodeURIComponent(world.accessKey)}@${cacheHostName}:${port}/0`;

    const results = [
      await check({ AZURE_REDIS_CONNECTIONSTRING: raw }, localFlags()),
      await check({ AZURE_REDIS_CONNECTIONSTRING: encoded }, localFlags()),
    ];

    expect(results.map((r) => r.code)).toEqual([0, 0]);
  });

  it("passes with the discrete AZURE_REDIS_* variables and with Spring Boot variables", async () => {
    const port = String(world.redis.port);
    const discrete = {
      AZURE_REDIS_HOST: cacheHostName,
      AZURE_REDIS_PORT: port,
      AZURE_REDIS_PASSWORD: world.accessKey,
      AZURE_REDIS_SSL: "true",
      AZURE_REDIS_DATABASE: "3",
    };
    const spring = {
      SPRING_DATA_REDIS_HOST: cacheHostName,
      SPRING_DATA_REDIS_PORT: port,
      SPRING_DATA_REDIS_PASSWORD: world.accessKey,
      SPRING_DATA_REDIS_SSL_ENABLED: "true",
    };

    const discreteRun = await check(discrete, localFlags());
    const springRun = await check(spring, localFlags());

    expect(discreteRun.code).toBe(0);
    expect(report(discreteRun).phases.map((p) => p.name)).toContain("select");
    expect(springRun.code).toBe(0);
  });

  it("exits 6 for a wrong key, naming the key as the cause", async () => {
    const wrong = `${cacheHostName}:${world.redis.port},password=Wrong+Key/Xyz987==,ssl=True`;

    const result = await check({ AZURE_REDIS_CONNECTIONSTRING: wrong }, localFlags());

    expect(result.code).toBe(6);
    expect(report(result).failure?.cause).toBe("wrongpass");
    expect(result.stdout).not.toContain("Wrong+Key/Xyz987==");
  });

  it("exits 4 for a refused port", async () => {
    const port = await refusedPort();
    const env = {
      AZURE_REDIS_CONNECTIONSTRING: `127.0.0.1:${port},password=${world.accessKey},ssl=True`,
    };

    const result = await check(env);

    expect(result.code).toBe(4);
    expect(report(result).failure?.cause).toBe("connection-refused");
  });

  it("exits 4 within the deadline for a server that accepts and never answers", async () => {
    const env = {
      AZURE_REDIS_CONNECTIONSTRING: `${cacheHostName}:${silent.port},password=${world.accessKey},ssl=True`,
    };

    const result = await check(env, [...localFlags(silent.port), "--timeout", "300"]);

    expect(result.code).toBe(4);
    expect(report(result).failure?.cause).toBe("no-answer");
    // Each phase has its deadline; TLS plus the plain-text follow-up is two of them.
    expect(result.ms).toBeLessThan(300 * 2 + 2000);
  });

  it("exits 5 when the certificate's CA is not trusted", async () => {
    const env = {
      AZURE_REDIS_CONNECTIONSTRING: `${cacheHostName}:${world.redis.port},password=${world.accessKey},ssl=True`,
    };

    const result = await check(env, [
      "--resolve",
      `${cacheHostName}:${world.redis.port}:127.0.0.1`,
    ]);

    expect(result.code).toBe(5);
    expect(report(result).failure?.cause).toBe("untrusted-certificate");
  });

  it("exits 5 within the deadline when TLS meets a plain-text port, and says so", async () => {
    const port = plainRedis.port;
    const env = {
      AZURE_REDIS_CONNECTIONSTRING: `${cacheHostName}:${port},password=${plainKey},ssl=True`,
    };

    const result = await check(env, [...localFlags(port), "--timeout", "300"]);

    expect(result.code).toBe(5);
    const failure = report(result).failure;
    expect(failure?.cause).toBe("port-speaks-plain-text");
    expect(failure?.hint).toContain(`Port ${port} speaks plain text`);
    expect(result.ms).toBeLessThan(300 * 2 + 2000);
  });

  it("exits 7 when the ACL forbids SET, and passes with --read-only", async () => {
    const { name, password } = world.users.writerWithoutSet;
    const uri = `rediss://${name}:${password}@${cacheHostName}:${world.redis.port}/0`;

    const writing = await check({ AZURE_REDIS_CONNECTIONSTRING: uri }, localFlags());
    const reading = await check({ AZURE_REDIS_CONNECTIONSTRING: uri }, [
      ...localFlags(),
      "--read-only",
    ]);

    expect(writing.code).toBe(7);
    expect(report(writing).failure?.cause).toBe("noperm");
    expect(report(writing).auth.username).toBe(name);
    expect(reading.code).toBe(0);
    expect(report(reading).phases.map((p) => p.name)).not.toContain("set");
  });

  it("times N PINGs on the warm connection with --count, as redis-cli --latency would", async () => {
    const uri = `rediss://:${world.accessKey}@${cacheHostName}:${world.redis.port}/0`;

    const result = await check({ AZURE_REDIS_CONNECTIONSTRING: uri }, [
      ...localFlags(),
      "--count",
      "25",
      "--interval",
      "1",
    ]);

    expect(result.code).toBe(0);
    const { latency } = JSON.parse(result.stdout) as {
      latency: Record<"count" | "errors" | "min" | "p50" | "p99" | "max", number>;
    };
    expect(latency).toMatchObject({ count: 25, errors: 0 });
    expect(latency.min).toBeGreaterThan(0);
    expect(latency.min).toBeLessThanOrEqual(latency.p50);
    expect(latency.p99).toBeLessThanOrEqual(latency.max);
  });

  it("refuses watch-only flags without --watch, and --count with it", async () => {
    const uri = `rediss://:${world.accessKey}@${cacheHostName}:${world.redis.port}/0`;

    const duration = await check({ AZURE_REDIS_CONNECTIONSTRING: uri }, ["--duration", "5s"]);
    const both = await check({ AZURE_REDIS_CONNECTIONSTRING: uri }, ["--watch", "--count", "3"]);

    expect(duration.code).toBe(2);
    expect(JSON.parse(duration.stdout).failure.message).toContain(
      "--duration only applies with --watch",
    );
    expect(both.code).toBe(2);
  });

  it("leaves no probe keys behind, also after 20 probes run at once", async () => {
    const uri = `rediss://:${world.accessKey}@${cacheHostName}:${world.redis.port}/0`;

    const results = await Promise.all(
      Array.from({ length: 20 }, () => check({ AZURE_REDIS_CONNECTIONSTRING: uri }, localFlags())),
    );

    expect(results.map((r) => r.code)).toEqual(Array(20).fill(0));
    expect(await world.redis.probeKeys()).toEqual([]);
  });
});
