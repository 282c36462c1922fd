import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { guardNetwork, type NetworkGuard } from "../../support/entra/network-guard.js";
import { fakeResolver } from "../../support/fake-resolver.js";
import { expectFailure } from "../../support/fault-report.js";
import { cacheHostName } from "../../support/redis-server.js";
import {
  baseEnv,
  expectNoSecrets,
  runBuilt,
  runInProcess,
  type CliResult,
} from "../../support/run-cli.js";
import {
  respBulk,
  respError,
  startScriptedRespServer,
  type ScriptedReply,
  type ScriptedRespServer,
} from "../../support/scripted-resp-server.js";
import { createTestCa, type TestCa } from "../../support/test-ca.js";
import { sentinelAccessKey } from "../../support/test-world.js";

/** The replies each scripted cache gives in place of the normal ones. */
const scripts = {
  loading: { PING: respError("LOADING Redis is loading the dataset in memory") },
  // 10.0.0.5 is never connected to: the probe is not a cluster client and does not follow.
  moved: { SET: respError("MOVED 3999 10.0.0.5:6380") },
  crossslot: { SET: respError("CROSSSLOT Keys in request don't hash to the same slot") },
  changedValue: { GET: respBulk("not-the-value-that-was-set") },
  closedAfterAuth: { AUTH: { send: "+OK\r\n", hangUp: true } },
  passwordless: {
    AUTH: respError(
      "ERR AUTH <password> called without any password configured for the default user. " +
        "Are you sure your configuration is correct?",
    ),
  },
} satisfies Record<string, Record<string, ScriptedReply>>;

type Script = keyof typeof scripts;

let ca: TestCa;
let guard: NetworkGuard;
const servers = new Map<Script, ScriptedRespServer>();

beforeAll(async () => {
  ca = createTestCa();
  const cert = ca.issue("scripted", { dnsNames: [cacheHostName], ipAddresses: ["127.0.0.1"] });

  for (const name of Object.keys(scripts) as Script[]) {
    servers.set(name, await startScriptedRespServer({ cert, replies: scripts[name] }));
  }
  guard = guardNetwork();
});

afterEach(() => {
  expect(guard.blocked, "a connection left loopback").toEqual([]);
});

afterAll(async () => {
  guard?.release();
  await Promise.all([...servers.values()].map((server) => server.stop()));
  ca?.remove();
});

function serverFor(script: Script): ScriptedRespServer {
  const server = servers.get(script);
  if (!server) throw new Error(`no scripted server for ${script}`);

  return server;
}

/** The arguments and environment of a run against the scripted cache for `script`. */
function invocation(script: Script): { argv: string[]; env: Record<string, string> } {
  const { port } = serverFor(script);
  return {
    argv: [
      "--json",
      "--resolve",
      `${cacheHostName}:${port}:127.0.0.1`,
      "--ca-file",
      ca.certPath,
      "--timeout",
      "1000",
    ],
    env: baseEnv({
      AZURE_REDIS_CONNECTIONSTRING: `${cacheHostName}:${port},password=${sentinelAccessKey},ssl=True`,
    }),
  };
}

async function probe(script: Script): Promise<CliResult> {
  const { argv, env } = invocation(script);

  const result = await runInProcess(argv, env, { resolver: fakeResolver() });

  expectNoSecrets(result, [sentinelAccessKey]);
  return result;
}

describe("fault catalogue: replies only a cache in a particular state gives", () => {
  it("names LOADING as loading", async () => {
    const result = await probe("loading");

    const report = expectFailure(result, {
      exitCode: 7,
      category: "permission",
      cause: "loading",
      hint: "loading data",
      message: "(LOADING)",
    });
    expect(report.failure?.phase).toBe("ping");
  });

  it("names MOVED as clustered-cache, through the built command, without following it", async () => {
    const { argv, env } = invocation("moved");

    const result = await runBuilt(argv, env);

    // runBuilt's preload fails the test had the command tried to reach 10.0.0.5.
    expectNoSecrets(result, [sentinelAccessKey]);
    expectFailure(result, {
      exitCode: 7,
      category: "permission",
      cause: "clustered-cache",
      hint: "cluster-aware client",
      message: "(MOVED",
    });
  });

  it("names CROSSSLOT as crossslot", async () => {
    const result = await probe("crossslot");

    expectFailure(result, {
      exitCode: 7,
      category: "permission",
      cause: "crossslot",
      hint: "share a hash tag",
      message: "(CROSSSLOT)",
    });
  });

  it("names a GET that returns another value as unexpected-reply", async () => {
    const result = await probe("changedValue");

    const report = expectFailure(result, {
      exitCode: 7,
      category: "permission",
      cause: "unexpected-reply",
      hint: "changes replies",
      message: "GET returned not-the-value-that-was-set",
    });
    // The key was written, so the probe must still remove it although GET failed.
    expect(serverFor("changedValue").received()).toContain("DEL");
    expect(report.failure?.phase).toBe("get");
  });

  it("names a key-based connection closed right after AUTH as connection-closed", async () => {
    const result = await probe("closedAfterAuth");

    const report = expectFailure(result, {
      exitCode: 4,
      category: "network",
      cause: "connection-closed",
      hint: "a restart or failover closes connections",
      message: "closed the connection",
    });
    expect(report.phases.find((phase) => phase.name === "auth")?.ok).toBe(true);
  });

  it("names a server without a password as no-password-configured", async () => {
    const result = await probe("passwordless");

    const report = expectFailure(result, {
      exitCode: 6,
      category: "auth",
      cause: "no-password-configured",
      hint: "This is not an Azure cache",
      message: "has no password set",
    });
    expect(report.failure?.phase).toBe("auth");
  });
});
