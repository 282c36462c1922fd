import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { guardNetwork, type NetworkGuard } from "../../support/entra/network-guard.js";
import {
  fakeResolver,
  fakeResolverAddress,
  type FakeResolver,
} from "../../support/fake-resolver.js";
import { expectFailure, readReport } from "../../support/fault-report.js";
import { startRedisServer, type RedisServer } from "../../support/redis-server.js";
import { baseEnv, expectNoSecrets, runInProcess, type CliResult } from "../../support/run-cli.js";
import { createTestCa, type TestCa } from "../../support/test-ca.js";
import { sentinelAccessKey } from "../../support/test-world.js";

const cacheHost = "mycache.redis.cache.windows.net";
const privateLinkName = "mycache.privatelink.redis.cache.windows.net";

let ca: TestCa;
let redis: RedisServer;
let guard: NetworkGuard;

beforeAll(async () => {
  ca = createTestCa();
  redis = await startRedisServer({ ca, accessKey: sentinelAccessKey, serverNames: [cacheHost] });

  // Some answers below hold a public address; the guard proves it is never connected to.
  guard = guardNetwork();
});

afterEach(() => {
  expect(guard.blocked, "a connection left loopback").toEqual([]);
});

afterAll(async () => {
  guard?.release();
  await redis?.stop();
  ca?.remove();
});

/** Runs the command against `host` with only `resolver` to ask, as JSON. */
async function probe(
  host: string,
  resolver: FakeResolver,
  flags: string[] = [],
): Promise<CliResult> {
  const env = {
    AZURE_REDIS_CONNECTIONSTRING: `${host}:${redis.port},password=${sentinelAccessKey},ssl=True`,
  };

  const argv = ["--json", "--ca-file", ca.certPath, ...flags];

  const result = await runInProcess(argv, baseEnv(env), { resolver });

  expectNoSecrets(result, [sentinelAccessKey]);
  return result;
}

describe("fault catalogue: DNS", () => {
  it("names NXDOMAIN as dns-not-found, and the resolver that said so", async () => {
    const resolver = fakeResolver({});

    const result = await probe("gone.redis.cache.windows.net", resolver);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "dns-not-found",
      hint: "Check the host name in the settings for typos",
      message: `(asked ${fakeResolverAddress})`,
    });
    expect(resolver.queries).toEqual(["gone.redis.cache.windows.net"]);
  });

  it("names SERVFAIL as dns-servfail", async () => {
    const host = "broken.redis.cache.windows.net";
    const resolver = fakeResolver({ [host]: { fails: "SERVFAIL" } });

    const result = await probe(host, resolver);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "dns-servfail",
      hint: "forwards Azure names",
      message: "SERVFAIL",
    });
  });

  it("names an answer without addresses (NODATA) as dns-not-found", async () => {
    const host = "empty.redis.cache.windows.net";
    const resolver = fakeResolver({ [host]: { addresses: [] } });

    const result = await probe(host, resolver);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "dns-not-found",
      hint: "privatelink.redis.cache.windows.net",
      message: "(NODATA)",
    });
  });

  it("names any other resolver failure as dns-failed", async () => {
    const host = "odd.redis.cache.windows.net";
    const resolver = fakeResolver({ [host]: { fails: "OTHER" } });

    const result = await probe(host, resolver);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "dns-failed",
      hint: "/etc/resolv.conf",
      message: `looking up ${host} failed`,
    });
  });

  it("names a resolver that never answers as dns-timeout, within the phase deadline", async () => {
    const host = "stalled.redis.cache.windows.net";
    const resolver = fakeResolver({ [host]: { hangs: true } });

    const result = await probe(host, resolver, ["--timeout", "300"]);

    const report = expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "dns-timeout",
      hint: "did not answer",
      message: "within 300 ms",
    });
    expect(report.slowestPhase?.name).toBe("dns");
    expect(result.ms).toBeLessThan(300 * 4 + 1500);
  });
});

describe("fault catalogue: private endpoint DNS", () => {
  it("warns when the privatelink chain ends in a public address as well", async () => {
    const resolver = fakeResolver({
      [cacheHost]: { addresses: ["127.0.0.1", "20.0.0.1"], cnameChain: [privateLinkName] },
    });

    const result = await probe(cacheHost, resolver);

    expect(result.code).toBe(0);
    const report = readReport(result);
    expect(report.phases[0]?.details).toMatchObject({ privateLink: true, addressScope: "mixed" });
    expect(report.warnings.join("\n")).toContain(
      "resolved to a public address while its CNAME chain goes through privatelink",
    );
  });

  it("stays quiet when the privatelink chain ends in a private address", async () => {
    const resolver = fakeResolver({
      [cacheHost]: { addresses: ["127.0.0.1"], cnameChain: [privateLinkName] },
    });

    const result = await probe(cacheHost, resolver);

    expect(result.code).toBe(0);
    const report = readReport(result);
    expect(report.phases[0]?.details).toMatchObject({ privateLink: true, addressScope: "private" });
    expect(report.warnings.join("\n")).not.toMatch(/privatelink|private address/);
  });

  it("warns when an Azure name resolves to a private address without a privatelink CNAME", async () => {
    const resolver = fakeResolver({ [cacheHost]: { addresses: ["127.0.0.1"] } });

    const result = await probe(cacheHost, resolver);

    expect(result.code).toBe(0);
    const report = readReport(result);
    expect(report.phases[0]?.details).toMatchObject({
      privateLink: false,
      addressScope: "private",
    });
    expect(report.warnings.join("\n")).toContain(
      "resolved to a private address without a privatelink CNAME",
    );
  });
});
