import { setTimeout as sleep } from "node:timers/promises";

import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { accessPolicyRules } from "../../support/access-policies.js";
import { fakeResolver } from "../../support/fake-resolver.js";
import { expectFailure } from "../../support/fault-report.js";
import { cacheHostName, startRedisServer, type RedisServer } from "../../support/redis-server.js";
import { baseEnv, expectNoSecrets, runInProcess, type CliResult } from "../../support/run-cli.js";
import { createTestCa, type TestCa } from "../../support/test-ca.js";
import { sentinelAccessKey } from "../../support/test-world.js";

const reader = { name: "reader", password: "Reader+Pass/Abc123==" };
const wrongKey = "Wrong+Key/Xyz987==";
const secrets = [sentinelAccessKey, reader.password, wrongKey];

let ca: TestCa;
let cache: RedisServer;
let full: RedisServer;
let primary: RedisServer;
let replica: RedisServer;

/**
 * Fills the cache past 1 MiB, then lowers maxmemory under what it holds. Filling up to the
 * limit alone leaves the server hovering at it, where a small write may still get through.
 */
async function fillPastLimit(admin: Redis): Promise<void> {
  const value = "x".repeat(64 * 1024);
  for (let i = 0; i < 32; i += 1) await admin.set(`fill:${i}`, value);

  await admin.config("SET", "maxmemory", "1mb");
  const refusal = await admin.set("fill:check", "x").then(
    () => "accepted",
    (error: unknown) => String((error as Error).message),
  );
  expect(refusal, "the full cache should refuse writes").toMatch(/^OOM/);
}

/** Makes `server` a replica of `source` and waits until its link is up, so it is not LOADING. */
async function replicate(server: RedisServer, source: RedisServer, key: string): Promise<void> {
  const admin = await server.admin();
  // Set at run time rather than as an argument, so the key never shows in `ps`.
  await admin.config("SET", "masterauth", key);
  await admin.call("REPLICAOF", "127.0.0.1", String(source.port));

  for (let i = 0; i < 200; i += 1) {
    if ((await admin.info("replication")).includes("master_link_status:up")) return;
    await sleep(25);
  }
  throw new Error(`replica never synced:\n${server.logTail()}`);
}

beforeAll(async () => {
  ca = createTestCa();
  [cache, full, primary, replica] = await Promise.all([
    startRedisServer({
      ca,
      accessKey: sentinelAccessKey,
      users: [{ ...reader, rules: accessPolicyRules.reader }],
    }),
    startRedisServer({
      ca,
      accessKey: sentinelAccessKey,
      extraArgs: ["--maxmemory-policy", "noeviction"],
    }),
    // Without a delay the primary sends its snapshot at once instead of waiting 5 s for more replicas.
    startRedisServer({
      accessKey: sentinelAccessKey,
      tls: false,
      extraArgs: ["--repl-diskless-sync-delay", "0"],
    }),
    startRedisServer({ ca, accessKey: sentinelAccessKey }),
  ]);

  await fillPastLimit(await full.admin());
  await replicate(replica, primary, sentinelAccessKey);
});

afterAll(async () => {
  await Promise.all([cache, full, primary, replica].map((server) => server?.stop()));
  ca?.remove();
});

/** Probes the cache name at 127.0.0.1:`server.port` over TLS as `user` (the key when absent). */
async function probe(
  server: RedisServer,
  password: string,
  user: string | undefined = undefined,
  database = 0,
): Promise<CliResult> {
  const credentials = `${user ?? ""}:${encodeURIComponent(password)}`;
  const env = {
    AZURE_REDIS_CONNECTIONSTRING: `rediss://${credentials}@${cacheHostName}:${server.port}/${database}`,
  };
  const argv = [
    "--json",
    "--resolve",
    `${cacheHostName}:${server.port}:127.0.0.1`,
    "--ca-file",
    ca.certPath,
  ];

  const result = await runInProcess(argv, baseEnv(env), { resolver: fakeResolver() });

  expectNoSecrets(result, secrets);
  return result;
}

describe("fault catalogue: Redis replies from a real server", () => {
  it("names a wrong access key as wrongpass", async () => {
    const result = await probe(cache, wrongKey);

    expectFailure(result, {
      exitCode: 6,
      category: "auth",
      cause: "wrongpass",
      hint: "The key is wrong or was regenerated",
      message: "rejected the access key (WRONGPASS)",
    });
  });

  it("names SET refused to a Data Reader as noperm, naming the command", async () => {
    const result = await probe(cache, reader.password, reader.name);

    const report = expectFailure(result, {
      exitCode: 7,
      category: "permission",
      cause: "noperm",
      hint: "--read-only",
      message: /^SET: .*NOPERM/,
    });
    expect(report.failure?.phase).toBe("set");
  });

  it("names a full cache as out-of-memory, with its noeviction policy", async () => {
    const result = await probe(full, sentinelAccessKey);

    expectFailure(result, {
      exitCode: 7,
      category: "permission",
      cause: "out-of-memory",
      hint: "use a maxmemory-policy that evicts any key",
      message: "maxmemory-policy noeviction",
    });
  });

  it("names a write to a replica as readonly-replica", async () => {
    const result = await probe(replica, sentinelAccessKey);

    expectFailure(result, {
      exitCode: 7,
      category: "permission",
      cause: "readonly-replica",
      hint: "Point the app at the primary endpoint",
      message: "read-only replica",
    });
  });

  it("names a database the server does not have as database-out-of-range", async () => {
    const result = await probe(cache, sentinelAccessKey, undefined, 99);

    const report = expectFailure(result, {
      exitCode: 2,
      category: "config",
      cause: "database-out-of-range",
      hint: "Use a database from 0 to 15",
      message: "database 99 does not exist",
    });
    expect(report.failure?.phase).toBe("select");
  });
});
