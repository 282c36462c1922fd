import { setTimeout as sleep } from "node:timers/promises";

import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectFailure, readReport } from "../../support/fault-report.js";
import { probeLocalCache } from "../../support/probe-local-cache.js";
import { connectClient } from "../../support/redis-client.js";
import { startRedisServer, type RedisServer } from "../../support/redis-server.js";
import { type CliResult } from "../../support/run-cli.js";
import { createTestCa, type TestCa } from "../../support/test-ca.js";
import { sentinelAccessKey } from "../../support/test-world.js";

let ca: TestCa;
let crowded: RedisServer;
let scripted: RedisServer;

/**
 * Connects the harness's admin client, which then holds the only slot of a `maxclients 1`
 * server. The readiness check's own connection may not be closed on the server's side yet,
 * so the first attempts can be refused for want of that very slot.
 */
async function takeOnlySlot(server: RedisServer): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const taken = await server.admin().then(
      () => true,
      () => false,
    );
    if (taken) return;
    await sleep(25);
  }
  throw new Error("could not take the only client slot");
}

beforeAll(async () => {
  ca = createTestCa();
  [crowded, scripted] = await Promise.all([
    startRedisServer({
      ca,
      accessKey: sentinelAccessKey,
      plainListener: true,
      extraArgs: ["--maxclients", "1"],
    }),
    // A script running longer than this makes the server answer BUSY to everyone else.
    startRedisServer({
      ca,
      accessKey: sentinelAccessKey,
      extraArgs: ["--busy-reply-threshold", "100"],
    }),
  ]);

  await takeOnlySlot(crowded);
});

afterAll(async () => {
  await Promise.all([crowded?.stop(), scripted?.stop()]);
  ca?.remove();
});

function probe(port: number, tls: boolean): Promise<CliResult> {
  return probeLocalCache({ port, tls, caPath: ca.certPath, timeoutMs: 1000 });
}

/** A client of `server` as the access key, over TLS. */
function keyClient(server: RedisServer): Promise<Redis> {
  return connectClient({ port: server.port, password: sentinelAccessKey, tls: { ca: [ca.cert] } });
}

/** Resolves once the server answers BUSY to `client`, i.e. the script passed the threshold. */
async function untilBusy(client: Redis): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const reply = await client.ping().catch((error: unknown) => String((error as Error).message));
    if (reply.startsWith("BUSY")) return;
    await sleep(20);
  }
  throw new Error("the server never became busy");
}

describe("fault catalogue: server state", () => {
  it("names a server at maxclients as max-clients on its plain-text port", async () => {
    const result = await probe(crowded.plainPort ?? 0, false);

    expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "max-clients",
      hint: "Close idle connections",
      message: "max number of clients reached",
    });
  });

  // Over TLS, Redis drops an excess connection before the handshake without a word (it
  // cannot send its error before TLS is up), so the client cannot know the reason for sure;
  // it must still not blame the TLS settings, and the remedy must name the connection limit.
  it("does not blame TLS for a server at maxclients on its TLS port", async () => {
    const result = await probe(crowded.tlsPort ?? 0, true);

    const failure = readReport(result).failure;
    expect({ exitCode: result.code, category: failure?.category }, JSON.stringify(failure)).toEqual(
      { exitCode: 4, category: "network" },
    );
    expect(["connection-reset", "connection-closed", "max-clients"]).toContain(failure?.cause);
    expect(failure?.hint).toMatch(/connection limit|number of clients|idle connections/i);
  });

  it("names a server stuck in a script as busy", async () => {
    const looping = await keyClient(scripted);
    const killer = await keyClient(scripted);
    const script = looping.eval("while true do end", 0).catch(() => undefined);

    try {
      await untilBusy(killer);

      const result = await probe(scripted.port, true);

      const report = expectFailure(result, {
        exitCode: 7,
        category: "permission",
        cause: "busy",
        hint: "running a long script",
        message: "(BUSY)",
      });
      expect(report.failure?.phase).toBe("ping");
    } finally {
      await killer.call("SCRIPT", "KILL").catch(() => undefined);
      await script;
      looping.disconnect();
      killer.disconnect();
    }
  });
});
