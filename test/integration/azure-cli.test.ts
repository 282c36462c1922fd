import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { accessPolicyRules } from "../support/access-policies.js";
import { mintAccessToken } from "../support/entra/tokens.js";
import { cacheHostName } from "../support/redis-server.js";
import { baseEnv, expectNoSecrets, runBuilt } from "../support/run-cli.js";
import { startTestWorld, type TestWorld } from "../support/test-world.js";

const engineer = {
  kind: "user",
  clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
  objectId: "5d4c3b2a-8888-4eee-9fff-000000000008",
} as const;

let world: TestWorld;
let fakeCliDir: string;
let token: string;

/**
 * An `az` on PATH that answers `az account get-access-token` as a signed-in Azure CLI does,
 * or as one with nobody signed in; no real Azure CLI is involved.
 */
function writeFakeAzureCli(dir: string, signedIn: boolean): void {
  const expiresOn = Math.floor(Date.now() / 1000) + 3600;
  const answer = JSON.stringify({
    accessToken: token,
    expiresOn: new Date(expiresOn * 1000).toISOString(),
    expires_on: expiresOn,
    subscription: "00000000-0000-0000-0000-000000000000",
    tenant: "7f3c1e2a-0d4b-4c5e-9a8b-1c2d3e4f5a6b",
    tokenType: "Bearer",
  });
  writeFileSync(join(dir, "answer.json"), answer);
  const script = signedIn
    ? `#!/bin/sh\ncat "${join(dir, "answer.json")}"\n`
    : `#!/bin/sh\necho "ERROR: Please run 'az login' to setup account." >&2\nexit 1\n`;
  writeFileSync(join(dir, "az"), script);
  chmodSync(join(dir, "az"), 0o755);
}

beforeAll(async () => {
  world = await startTestWorld();
  fakeCliDir = mkdtempSync(join(tmpdir(), "rcc-az-"));
  token = mintAccessToken({
    identity: engineer,
    tenantId: "7f3c1e2a-0d4b-4c5e-9a8b-1c2d3e4f5a6b",
    audience: "https://redis.azure.com",
    lifetimeSeconds: 3600,
  }).token;
  await world.redis.setUser(engineer.objectId, token, accessPolicyRules.owner);
});

afterAll(async () => {
  await world?.stop();
  rmSync(fakeCliDir, { recursive: true, force: true });
});

async function checkAsEngineer() {
  const port = world.redis.port;
  const flags = ["--json", "--auth", "azure-cli", "--port", String(port)];
  const local = ["--resolve", `${cacheHostName}:${port}:127.0.0.1`, "--ca-file", world.ca.certPath];
  const env = baseEnv({
    AZURE_REDIS_HOST: cacheHostName,
    PATH: `${fakeCliDir}:${process.env.PATH ?? "/usr/bin:/bin"}`,
  });

  const result = await runBuilt([...flags, ...local], env);
  expectNoSecrets(result, [token]);
  return { result, report: JSON.parse(result.stdout) as Record<string, unknown> };
}

describe("--auth azure-cli", () => {
  it("uses the signed-in Azure CLI user's token, with its oid as username", async () => {
    writeFakeAzureCli(fakeCliDir, true);

    const { result, report } = await checkAsEngineer();

    expect(result.code).toBe(0);
    expect(report.auth).toEqual({ method: "azure-cli", username: engineer.objectId });
  });

  it("exits 3 when nobody is signed in to the Azure CLI", async () => {
    writeFakeAzureCli(fakeCliDir, false);

    const { result, report } = await checkAsEngineer();

    expect(result.code).toBe(3);
    expect(report.failure).toMatchObject({
      category: "credential",
      cause: "azure-cli-not-signed-in",
    });
    expect((report.failure as { hint: string }).hint).toContain("az login");
  });
});
