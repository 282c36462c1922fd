import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { accessPolicyRules } from "../support/access-policies.js";
import {
  sampleIdentities,
  SAMPLE_TENANT,
  startAppServiceIdentityEndpoint,
} from "../support/entra/index.js";
import type { StandIn } from "../support/entra/stand-in.js";
import { cacheHostName } from "../support/redis-server.js";
import { baseEnv, expectNoSecrets, runBuilt, type CliResult } from "../support/run-cli.js";
import { startTestWorld, type TestWorld } from "../support/test-world.js";
import { startTokenExpiryProxy, type TokenExpiryProxy } from "../support/token-expiry-proxy.js";

/** Tokens live this long, so a watch of a few seconds spans several lifetimes. */
const TOKEN_LIFETIME_S = 3;
const { system } = sampleIdentities;

let world: TestWorld;
let proxy: TokenExpiryProxy;
let identityEndpoint: StandIn<Record<string, string>>;
const issuedTokens: string[] = [];

beforeAll(async () => {
  world = await startTestWorld();
  proxy = await startTokenExpiryProxy({
    upstream: { host: "127.0.0.1", port: world.redis.port, tls: true, ca: world.ca.cert },
    ca: world.ca,
  });
  identityEndpoint = await startAppServiceIdentityEndpoint({
    identities: [system],
    tenantId: SAMPLE_TENANT,
    tokenLifetimeSeconds: TOKEN_LIFETIME_S,
  });
  // Each new token joins the identity's valid passwords, as Entra tokens all stay valid
  // until they expire; the proxy enforces the expiry on live connections.
  identityEndpoint.onTokenIssued(async (issued) => {
    issuedTokens.push(issued.token);
    const admin = await world.redis.admin();
    await admin.call(
      "ACL",
      "SETUSER",
      system.objectId,
      "on",
      ...accessPolicyRules.contributor,
      `>${issued.token}`,
    );
  });
});

afterAll(async () => {
  await Promise.all([proxy?.stop(), identityEndpoint?.close()]);
  await world?.stop();
});

interface Event {
  type: string;
  ok?: boolean;
  renewed?: boolean;
  reconnected?: boolean;
  failure?: { cause: string; category: string } | null;
  ms?: number;
  cause?: string;
  failures?: number;
  refreshes?: number;
  outages?: number;
  exitCode?: number;
}

function events(result: CliResult): Event[] {
  return result.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Event);
}

async function watch(
  port: number,
  env: Record<string, string>,
  flags: string[],
): Promise<CliResult> {
  const argv = [
    "--watch",
    "--json",
    "--interval",
    "250",
    "--port",
    String(port),
    "--resolve",
    `${cacheHostName}:${port}:127.0.0.1`,
    "--ca-file",
    world.ca.certPath,
    "--timeout",
    "2000",
    ...flags,
  ];
  const result = await runBuilt(argv, baseEnv({ AZURE_REDIS_HOST: cacheHostName, ...env }));
  expectNoSecrets(result, [
    ...issuedTokens,
    world.accessKey,
    identityEndpoint.env.IDENTITY_HEADER ?? "",
  ]);
  return result;
}

describe("--watch", () => {
  it(
    "keeps an Entra token fresh on the live connection across three token lifetimes",
    { timeout: 60_000 },
    async () => {
      const closedBefore = proxy.closedForExpiry();

      const result = await watch(proxy.port, identityEndpoint.env, [
        "--duration",
        `${TOKEN_LIFETIME_S * 3 + 1}s`,
      ]);

      const all = events(result);
      const probes = all.filter((e) => e.type === "probe");
      const refreshes = all.filter((e) => e.type === "refresh" && e.ok && e.renewed);
      const summary = all.at(-1);
      expect(result.code).toBe(0);
      expect(probes.length).toBeGreaterThan(10);
      expect(probes.every((p) => p.ok)).toBe(true);
      expect(refreshes.length).toBeGreaterThanOrEqual(3);
      expect(summary).toMatchObject({ type: "summary", failures: 0, exitCode: 0 });
      expect(proxy.closedForExpiry()).toBe(closedBefore);
    },
  );

  it(
    "reports the token's expiry as the cause when refresh is off, then recovers",
    { timeout: 60_000 },
    async () => {
      const closedBefore = proxy.closedForExpiry();

      const result = await watch(proxy.port, identityEndpoint.env, [
        "--duration",
        `${TOKEN_LIFETIME_S + 3}s`,
        "--no-token-refresh",
      ]);

      const all = events(result);
      const failed = all.filter((e) => e.type === "probe" && !e.ok);
      expect(proxy.closedForExpiry()).toBeGreaterThan(closedBefore);
      expect(failed[0]?.failure).toMatchObject({ category: "auth", cause: "closed-after-auth" });
      expect(all.some((e) => e.type === "probe" && e.ok && e.reconnected)).toBe(true);
      expect(all.some((e) => e.type === "outage" && e.cause === "closed-after-auth")).toBe(true);
      expect(result.code).toBe(6);
    },
  );

  it("reports a server restart as an outage and recovers", { timeout: 60_000 }, async () => {
    const env = {
      AZURE_REDIS_CONNECTIONSTRING: `rediss://:${world.accessKey}@${cacheHostName}:${world.redis.port}/0`,
    };

    const running = watch(world.redis.port, env, ["--duration", "5s"]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await world.redis.restart();
    const result = await running;

    const all = events(result);
    const outage = all.find((e) => e.type === "outage");
    const summary = all.at(-1);
    expect(outage?.ms).toBeGreaterThan(0);
    expect(all.filter((e) => e.type === "probe").at(-1)).toMatchObject({ ok: true });
    expect(summary).toMatchObject({ type: "summary", outages: 1 });
    expect(summary?.failures).toBeGreaterThan(0);
    expect(result.code).not.toBe(0);
  });
});
