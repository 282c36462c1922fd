import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { accessPolicyRules } from "../support/access-policies.js";
import {
  sampleIdentities,
  SAMPLE_TENANT,
  startAppServiceIdentityEndpoint,
  startEntraAuthority,
  startImdsEndpoint,
  type StandInIdentity,
} from "../support/entra/index.js";
import type { StandIn } from "../support/entra/stand-in.js";
import type { IssuedToken } from "../support/entra/tokens.js";
import { cacheHostName } from "../support/redis-server.js";
import { baseEnv, expectNoSecrets, runBuilt, type CliResult } from "../support/run-cli.js";
import { startTestWorld, type TestWorld } from "../support/test-world.js";

/** A user-assigned identity that Entra knows but the cache has no access policy for. */
const unassigned: StandInIdentity = {
  kind: "user",
  clientId: "0a1b2c3d-6666-4aaa-8bbb-000000000006",
  objectId: "9e8d7c6b-6666-4ccc-8ddd-000000000006",
};

/** A user-assigned identity with the Data Reader policy. */
const reader: StandInIdentity = {
  kind: "user",
  clientId: "0a1b2c3d-7777-4aaa-8bbb-000000000007",
  objectId: "9e8d7c6b-7777-4ccc-8ddd-000000000007",
};

const { system, user, servicePrincipal, workload } = sampleIdentities;

/** Which access policy each identity's oid gets on the cache; absent means none. */
const policies = new Map<string, readonly string[]>([
  [system.objectId, accessPolicyRules.contributor],
  [user.objectId, accessPolicyRules.contributor],
  [servicePrincipal.objectId, accessPolicyRules.owner],
  [workload.objectId, accessPolicyRules.contributor],
  [reader.objectId, accessPolicyRules.reader],
]);

let world: TestWorld;
let appService: StandIn<Record<string, string>>;
let imds: StandIn<Record<string, string>>;
let authority: StandIn<Record<string, string>>;
let scratch: string;
let tokenFile: string;

beforeAll(async () => {
  world = await startTestWorld();
  const managed = { identities: [system, user, unassigned, reader], tenantId: SAMPLE_TENANT };
  appService = await startAppServiceIdentityEndpoint(managed);
  imds = await startImdsEndpoint(managed);
  authority = await startEntraAuthority({ ca: world.ca, identities: [servicePrincipal, workload] });

  // Azure checks a token against the identity's access policy; here the token becomes the
  // password of an ACL user named by the oid, registered before the client receives it.
  const register = async (issued: IssuedToken): Promise<void> => {
    const rules = policies.get(issued.objectId);
    if (rules) await world.redis.setUser(issued.objectId, issued.token, rules);
  };
  for (const standIn of [appService, imds, authority]) standIn.onTokenIssued(register);

  scratch = mkdtempSync(join(tmpdir(), "rcc-identity-"));
  tokenFile = join(scratch, "azure-identity-token");
  writeFileSync(tokenFile, workload.federatedToken);
});

afterAll(async () => {
  await Promise.all([world?.stop(), appService?.close(), imds?.close(), authority?.close()]);
  rmSync(scratch, { recursive: true, force: true });
});

function secrets(): string[] {
  const issued = [...appService.issued, ...imds.issued, ...authority.issued].map((t) => t.token);
  return [
    ...issued,
    servicePrincipal.secret,
    "Wrong~Secret.Value_0000000000",
    appService.env.IDENTITY_HEADER ?? "",
    workload.federatedToken,
  ];
}

function flags(): string[] {
  const port = world.redis.port;
  return [
    "--json",
    "--port",
    String(port),
    "--resolve",
    `${cacheHostName}:${port}:127.0.0.1`,
    "--ca-file",
    world.ca.certPath,
  ];
}

async function check(env: Record<string, string>, extra: string[] = []): Promise<CliResult> {
  const result = await runBuilt(
    [...flags(), ...extra],
    baseEnv({ AZURE_REDIS_HOST: cacheHostName, ...env }),
  );
  expectNoSecrets(result, secrets());
  return result;
}

interface Parsed {
  exitCode: number;
  auth: { method: string; username: string | null };
  phases: { name: string; ok: boolean; details: Record<string, unknown> }[];
  failure: { category: string; cause: string; hint: string; message: string } | null;
}

function report(result: CliResult): Parsed {
  return JSON.parse(result.stdout) as Parsed;
}

const servicePrincipalEnv = (secret = servicePrincipal.secret) => ({
  AZURE_REDIS_CLIENTID: servicePrincipal.clientId,
  AZURE_REDIS_CLIENTSECRET: secret,
  AZURE_REDIS_TENANTID: SAMPLE_TENANT,
  ...authority.env,
});

describe("Microsoft Entra identities against local Entra stand-ins and a real redis-server", () => {
  it.each([
    ["system-assigned-identity", "App Service", () => appService.env, system],
    [
      "user-assigned-identity",
      "App Service",
      () => ({ ...appService.env, AZURE_REDIS_CLIENTID: user.clientId }),
      user,
    ],
    ["system-assigned-identity", "IMDS", () => imds.env, system],
    [
      "user-assigned-identity",
      "IMDS",
      () => ({ ...imds.env, AZURE_REDIS_CLIENTID: user.clientId }),
      user,
    ],
    ["service-principal", "client secret", () => servicePrincipalEnv(), servicePrincipal],
    [
      "workload-identity",
      "federated token",
      () => ({
        AZURE_REDIS_CLIENTID: workload.clientId,
        AZURE_FEDERATED_TOKEN_FILE: tokenFile,
        AZURE_TENANT_ID: SAMPLE_TENANT,
        ...authority.env,
      }),
      workload,
    ],
  ] as const)(
    "%s through %s passes with the oid as username",
    async (method, _via, env, identity) => {
      const result = await check(env());

      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const parsed = report(result);
      expect(parsed.auth).toEqual({ method, username: identity.objectId });
      const credential = parsed.phases.find((p) => p.name === "credential");
      expect(credential?.details).toMatchObject({
        oid: identity.objectId,
        audience: "https://redis.azure.com",
      });
      expect(parsed.phases.map((p) => p.name)).toEqual([
        "dns",
        "tcp",
        "tls",
        "credential",
        "auth",
        "ping",
        "set",
        "get",
        "del",
      ]);
    },
  );

  it("exits 6 with the access-policy hint for an identity the cache does not know", async () => {
    const result = await check({ ...appService.env, AZURE_REDIS_CLIENTID: unassigned.clientId });

    expect(result.code).toBe(6);
    const { failure } = report(result);
    expect(failure?.category).toBe("auth");
    expect(failure?.hint).toContain("data access policy assignment");
    expect(failure?.hint).toContain(`--object-id ${unassigned.objectId}`);
    expect(failure?.hint).toContain("Microsoft Entra authentication is not enabled");
  });

  it("exits 7 for a Data Reader identity, naming the policy, and passes with --read-only", async () => {
    const env = { ...appService.env, AZURE_REDIS_CLIENTID: reader.clientId };

    const writing = await check(env);
    const reading = await check(env, ["--read-only"]);

    expect(writing.code).toBe(7);
    expect(report(writing).failure?.hint).toContain("Data Reader");
    expect(report(writing).failure?.hint).toContain("--read-only");
    expect(reading.code).toBe(0);
  });

  it("exits 3 for a wrong client secret, keeping the AADSTS code", async () => {
    const result = await check(servicePrincipalEnv("Wrong~Secret.Value_0000000000"));

    expect(result.code).toBe(3);
    const { failure } = report(result);
    expect(failure?.cause).toBe("invalid-client-secret");
    expect(failure?.message).toContain("AADSTS7000215");
    expect(failure?.hint).toContain("AZURE_REDIS_CLIENTSECRET");
  });

  it("exits 3 for a client id that is not assigned to this app", async () => {
    const result = await check({
      ...appService.env,
      AZURE_REDIS_CLIENTID: "0a1b2c3d-9999-4aaa-8bbb-000000000009",
    });

    expect(result.code).toBe(3);
    expect(report(result).failure?.cause).toBe("unknown-client-id");
    expect(report(result).failure?.hint).toContain("0a1b2c3d-9999-4aaa-8bbb-000000000009");
  });
});
