import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectFailure } from "../../support/fault-report.js";
import { probeLocalCache } from "../../support/probe-local-cache.js";
import { startRedisServer, type RedisServer } from "../../support/redis-server.js";
import { type CliResult } from "../../support/run-cli.js";
import { createTestCa, type TestCa } from "../../support/test-ca.js";
import { sentinelAccessKey } from "../../support/test-world.js";

const timeoutMs = 300;

let ca: TestCa;
let redis: RedisServer;

beforeAll(async () => {
  ca = createTestCa();
  // One server with both listeners, as an Azure cache with the non-TLS port enabled has.
  redis = await startRedisServer({ ca, accessKey: sentinelAccessKey, plainListener: true });
});

afterAll(async () => {
  await redis?.stop();
  ca?.remove();
});

function probe(port: number, tls: boolean): Promise<CliResult> {
  return probeLocalCache({ port, tls: "flag", tlsFlag: tls, caPath: ca.certPath, timeoutMs });
}

describe("fault catalogue: plain text and TLS on the wrong port", () => {
  it("names a TLS client on the plain-text port as port-speaks-plain-text", async () => {
    const port = redis.plainPort ?? 0;

    const result = await probe(port, true);

    const report = expectFailure(result, {
      exitCode: 5,
      category: "tls",
      cause: "port-speaks-plain-text",
      hint: `Port ${port} speaks plain text`,
    });
    expect(report.failure?.phase).toBe("tls");
  });

  it("names a plain-text client on the TLS port as port-speaks-tls", async () => {
    const port = redis.tlsPort ?? 0;

    const result = await probe(port, false);

    const report = expectFailure(result, {
      exitCode: 5,
      category: "tls",
      cause: "port-speaks-tls",
      hint: `Port ${port} requires TLS`,
    });
    expect(report.phases.at(-1)?.details).toMatchObject({ tlsProbe: "tls" });
  });
});
