import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  refusedPort,
  startResetOnDataServer,
  startResetServer,
  startSilentServer,
  type FaultServer,
} from "../../support/fault-servers.js";
import { expectFailure } from "../../support/fault-report.js";
import { probeLocalCache } from "../../support/probe-local-cache.js";
import { startRedisServer, type RedisServer } from "../../support/redis-server.js";
import { type CliResult } from "../../support/run-cli.js";
import { createTestCa, type TestCa } from "../../support/test-ca.js";
import { sentinelAccessKey } from "../../support/test-world.js";

const timeoutMs = 300;

/** Each phase has its own deadline; four of them plus start-up is the most a run may take. */
const runBoundMs = timeoutMs * 4 + 1500;

let ca: TestCa;
let paused: RedisServer;
let silent: FaultServer;
let reset: FaultServer;
let resetOnData: FaultServer;

beforeAll(async () => {
  ca = createTestCa();
  // Stopped with SIGSTOP by the tests that need a stalled server; TLS and plain text both.
  paused = await startRedisServer({ ca, accessKey: sentinelAccessKey, plainListener: true });
  silent = await startSilentServer();
  reset = await startResetServer();
  resetOnData = await startResetOnDataServer();
});

afterAll(async () => {
  await Promise.all([paused?.stop(), silent?.stop(), reset?.stop(), resetOnData?.stop()]);
  ca?.remove();
});

function probe(port: number, tls: boolean): Promise<CliResult> {
  return probeLocalCache({ port, tls, caPath: ca.certPath, timeoutMs });
}

/** Runs `action` while the server's process is stopped, and always lets it run on again. */
async function whilePaused<T>(server: RedisServer, action: () => Promise<T>): Promise<T> {
  process.kill(server.pid, "SIGSTOP");
  try {
    return await action();
  } finally {
    process.kill(server.pid, "SIGCONT");
  }
}

describe("fault catalogue: TCP", () => {
  it("names a port nobody listens on as connection-refused", async () => {
    const port = await refusedPort();

    const result = await probe(port, true);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "connection-refused",
      hint: "Check the port",
      message: "nothing listens there",
    });
  });

  it("names the port of a server that was stopped as connection-refused", async () => {
    const gone = await startRedisServer({ ca, accessKey: sentinelAccessKey });
    const port = gone.port;
    await gone.stop();

    const result = await probe(port, true);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "connection-refused",
      hint: "Check the port",
    });
  });

  // On loopback this reset lands before the connect completes, so the tcp phase sees it.
  it("names a connection reset as soon as it is accepted as connection-reset", async () => {
    const result = await probe(reset.port, true);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "connection-reset",
      hint: "firewall rules",
    });
    expect(reset.accepted()).toBeGreaterThan(0);
  });

  // A firewall that reads the ClientHello (its SNI) and then resets blocks the path; it says
  // nothing about the TLS settings, so this is a network failure with the firewall remedy.
  it("names a reset in the middle of the TLS handshake as connection-reset", async () => {
    const result = await probe(resetOnData.port, true);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "connection-reset",
      hint: "firewall rules",
    });
  });

  it("names a plain-text connection reset after AUTH was sent as connection-closed", async () => {
    const result = await probe(resetOnData.port, false);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "connection-closed",
      hint: "proxy or firewall",
    });
  });

  it("names a server that accepts and never answers as no-answer, within the deadline", async () => {
    const result = await probe(silent.port, true);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "no-answer",
      hint: "a paused server",
      message: "never answered",
    });
    expect(result.ms).toBeLessThan(runBoundMs);
  });
});

describe("fault catalogue: a paused redis-server", () => {
  it("names a stalled TLS port as no-answer, within the bound, slowest in tls", async () => {
    const result = await whilePaused(paused, () => probe(paused.port, true));

    const report = expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "no-answer",
      hint: "a paused server",
    });
    expect(report.slowestPhase?.name).toBe("tls");
    expect(result.ms).toBeLessThan(runBoundMs);
  });

  it("names a stalled plain-text port as reply-timeout, within the bound, slowest in auth", async () => {
    const port = paused.plainPort ?? 0;

    const result = await whilePaused(paused, () => probe(port, false));

    const report = expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "reply-timeout",
      hint: "overloaded or stalled",
      message: `did not answer within ${timeoutMs} ms`,
    });
    expect(report.slowestPhase?.name).toBe("auth");
    expect(result.ms).toBeLessThan(runBoundMs);
  });
});
