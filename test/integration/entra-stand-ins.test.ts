import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { setLogLevel } from "@azure/logger";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { acquireToken, CredentialError } from "../../src/credentials/index.js";
import type { TokenResult } from "../../src/credentials/index.js";
import { Secret } from "../../src/plan/secret.js";
import type { AuthPlan } from "../../src/plan/types.js";
import {
  guardNetwork,
  SAMPLE_FEDERATED_TOKEN,
  SAMPLE_TENANT,
  sampleIdentities as ids,
  startAppServiceIdentityEndpoint,
  startEntraAuthority,
  startImdsEndpoint,
  startRefusingIdentityEndpoint,
  startSilentIdentityEndpoint,
  stubEntraEnv,
} from "../support/entra/index.js";
import type { AuthorityStandIn, NetworkGuard, StandIn } from "../support/entra/index.js";
import { createTestCa } from "../support/test-ca.js";
import type { TestCa } from "../support/test-ca.js";

const SCOPE = "https://redis.azure.com/.default";
const TIMEOUT_MS = 5_000;
const UNKNOWN_CLIENT_ID = "00000000-dead-4bad-8bad-000000000000";

const systemAssigned: AuthPlan = {
  method: "system-assigned-identity",
  username: null,
  scope: SCOPE,
};
const userAssigned = (clientId: string): AuthPlan => ({
  method: "user-assigned-identity",
  username: null,
  scope: SCOPE,
  clientId,
});

async function rejection(promise: Promise<TokenResult>): Promise<CredentialError> {
  const outcome: unknown = await promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(CredentialError);
  return outcome as CredentialError;
}

/** Asserts what every token must say, and that it is the one the stand-in issued. */
function expectTokenFor(
  result: TokenResult,
  standIn: StandIn<Record<string, string>>,
  identity: { clientId: string; objectId: string },
): void {
  expect(result.token).toBeInstanceOf(Secret);
  expect(result.claims).toMatchObject({
    oid: identity.objectId,
    appid: identity.clientId,
    tid: SAMPLE_TENANT,
    aud: "https://redis.azure.com",
  });
  expect(JSON.stringify(result)).not.toContain(result.token.reveal());

  const issued = standIn.issued.at(-1);
  expect(issued?.token).toBe(result.token.reveal());
  // Entra sends a relative `expires_in`, so the client's clock can shift the end by a second.
  const drift = result.expiresOn.getTime() - (issued?.expiresOn.getTime() ?? 0);
  expect(Math.abs(drift)).toBeLessThanOrEqual(2_000);
}

let guard: NetworkGuard;

beforeAll(() => {
  guard = guardNetwork();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(() => {
  guard.release();
  // Any request that fell through to IMDS or a public Entra host during this file shows here.
  expect(guard.blocked).toEqual([]);
});

describe.sequential("App Service identity endpoint", () => {
  let endpoint: StandIn<Record<string, string>>;
  const registered: { objectId: string; token: string }[] = [];

  beforeAll(async () => {
    endpoint = await startAppServiceIdentityEndpoint({
      identities: [ids.system, ids.user],
      tenantId: SAMPLE_TENANT,
    });
    endpoint.onTokenIssued(async ({ objectId, token }) => {
      // Slow on purpose: the token must not reach the client before this has finished.
      await sleep(20);
      registered.push({ objectId, token });
    });
  });

  afterAll(() => endpoint.close());

  it("serves the system-assigned identity, after the token-issued hook ran", async () => {
    const env = stubEntraEnv(endpoint.env);

    const result = await acquireToken(systemAssigned, { timeoutMs: TIMEOUT_MS, env });

    expect(result.source).toBe("app-service");
    expectTokenFor(result, endpoint, ids.system);
    expect(registered).toContainEqual({
      objectId: ids.system.objectId,
      token: result.token.reveal(),
    });
  });

  it("serves a user-assigned identity by client id", async () => {
    const env = stubEntraEnv(endpoint.env);

    const result = await acquireToken(userAssigned(ids.user.clientId), {
      timeoutMs: TIMEOUT_MS,
      env,
    });

    expect(result.source).toBe("app-service");
    expectTokenFor(result, endpoint, ids.user);
  });

  it("keeps the Azure SDK's logging off stderr even when it was switched on", async () => {
    const env = stubEntraEnv(endpoint.env);
    setLogLevel("verbose");
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });

    try {
      await acquireToken(userAssigned(ids.user.clientId), { timeoutMs: TIMEOUT_MS, env });
      await rejection(
        acquireToken(userAssigned(UNKNOWN_CLIENT_ID), { timeoutMs: TIMEOUT_MS, env }),
      );
    } finally {
      stderr.mockRestore();
      setLogLevel();
    }

    expect(written).toEqual([]);
  });

  it("names an unknown client id, without echoing the identity header", async () => {
    const env = stubEntraEnv(endpoint.env);

    const error = await rejection(
      acquireToken(userAssigned(UNKNOWN_CLIENT_ID), { timeoutMs: TIMEOUT_MS, env }),
    );

    expect(error.kind).toBe("unknown-client-id");
    expect(error.source).toBe("app-service");
    expect(error.detail).toContain("Unable to load the proper Managed Identity");
    expect(error.detail).not.toContain(endpoint.env.IDENTITY_HEADER);
  });
});

describe.sequential("App Service endpoint without a system-assigned identity", () => {
  it("reports that there is no managed identity", async () => {
    const endpoint = await startAppServiceIdentityEndpoint({ identities: [ids.user] });
    try {
      const env = stubEntraEnv(endpoint.env);

      const error = await rejection(acquireToken(systemAssigned, { timeoutMs: TIMEOUT_MS, env }));

      expect(error.kind).toBe("no-managed-identity");
    } finally {
      await endpoint.close();
    }
  });
});

describe.sequential("IMDS through AZURE_POD_IDENTITY_AUTHORITY_HOST", () => {
  let endpoint: StandIn<Record<string, string>>;

  beforeAll(async () => {
    endpoint = await startImdsEndpoint({
      identities: [ids.system, ids.user],
      tenantId: SAMPLE_TENANT,
    });
  });

  afterAll(() => endpoint.close());

  it("serves the system-assigned identity", async () => {
    const env = stubEntraEnv(endpoint.env);

    const result = await acquireToken(systemAssigned, { timeoutMs: TIMEOUT_MS, env });

    expect(result.source).toBe("imds");
    expectTokenFor(result, endpoint, ids.system);
  });

  it("serves a user-assigned identity by client id", async () => {
    const env = stubEntraEnv(endpoint.env);

    const result = await acquireToken(userAssigned(ids.user.clientId), {
      timeoutMs: TIMEOUT_MS,
      env,
    });

    expect(result.source).toBe("imds");
    expectTokenFor(result, endpoint, ids.user);
  });

  it("names an unknown client id", async () => {
    const env = stubEntraEnv(endpoint.env);

    const error = await rejection(
      acquireToken(userAssigned(UNKNOWN_CLIENT_ID), { timeoutMs: TIMEOUT_MS, env }),
    );

    expect(error.kind).toBe("unknown-client-id");
    expect(error.detail).toContain("Identity not found");
  });
});

describe.sequential("Entra authority over HTTPS", () => {
  let ca: TestCa;
  let authority: AuthorityStandIn;
  let tokenDir: string;

  const servicePrincipal = (fields: Partial<AuthPlan> = {}): AuthPlan => ({
    method: "service-principal",
    username: null,
    scope: SCOPE,
    tenantId: SAMPLE_TENANT,
    clientId: ids.servicePrincipal.clientId,
    clientSecret: new Secret(ids.servicePrincipal.secret),
    authorityHost: authority.url,
    ...fields,
  });

  const workload = (tokenFile: string): AuthPlan => ({
    method: "workload-identity",
    username: null,
    scope: SCOPE,
    tenantId: SAMPLE_TENANT,
    clientId: ids.workload.clientId,
    federatedTokenFile: tokenFile,
    authorityHost: authority.url,
  });

  const trusted = (): {
    timeoutMs: number;
    env: Record<string, string | undefined>;
    extraCa: string[];
  } => ({
    timeoutMs: TIMEOUT_MS,
    env: stubEntraEnv(authority.env),
    extraCa: [ca.cert],
  });

  beforeAll(async () => {
    ca = createTestCa();
    authority = await startEntraAuthority({
      ca,
      identities: [ids.servicePrincipal, ids.expiredServicePrincipal, ids.workload],
    });
    tokenDir = mkdtempSync(join(tmpdir(), "rcc-federated-"));
  });

  afterAll(async () => {
    await authority.close();
    rmSync(tokenDir, { recursive: true, force: true });
    rmSync(ca.dir, { recursive: true, force: true });
  });

  it("gets a token with a client secret, trusting the authority through extraCa", async () => {
    const before = authority.requests.length;

    const result = await acquireToken(servicePrincipal(), trusted());

    expect(result.source).toBe("client-secret");
    expectTokenFor(result, authority, ids.servicePrincipal);
    // With instance discovery off, msal-node needs only the tenant's metadata and the token.
    expect(authority.requests.slice(before).map((request) => request.path)).toEqual([
      `/${SAMPLE_TENANT}/v2.0/.well-known/openid-configuration`,
      `/${SAMPLE_TENANT}/oauth2/v2.0/token`,
    ]);
  });

  it("fails on the certificate when the authority's CA is not trusted", async () => {
    const error = await rejection(
      acquireToken(servicePrincipal(), { timeoutMs: TIMEOUT_MS, env: stubEntraEnv(authority.env) }),
    );

    expect(error.kind).toBe("endpoint-unreachable");
    expect(error.detail).toMatch(/certificate/);
  });

  it("names a wrong secret with its AADSTS code, without echoing the secret", async () => {
    const wrongSecret = "Wrong~Secret.Value_0123456789";

    const error = await rejection(
      acquireToken(servicePrincipal({ clientSecret: new Secret(wrongSecret) }), trusted()),
    );

    expect(error.kind).toBe("invalid-client-secret");
    expect(error.aadsts).toBe("AADSTS7000215");
    expect(error.detail).toContain("Invalid client secret provided");
    expect(`${error.message} ${error.detail}`).not.toContain(wrongSecret);
  });

  it("names an expired secret", async () => {
    const plan = servicePrincipal({
      clientId: ids.expiredServicePrincipal.clientId,
      clientSecret: new Secret(ids.expiredServicePrincipal.secret),
    });

    const error = await rejection(acquireToken(plan, trusted()));

    expect(error.kind).toBe("expired-client-secret");
    expect(error.aadsts).toBe("AADSTS7000222");
  });

  it("names an unknown tenant", async () => {
    const plan = servicePrincipal({ tenantId: "11111111-2222-4333-8444-555555555555" });

    const error = await rejection(acquireToken(plan, trusted()));

    expect(error.kind).toBe("wrong-tenant");
    expect(error.aadsts).toBe("AADSTS90002");
  });

  it("names an unknown application", async () => {
    const plan = servicePrincipal({ clientId: "11111111-2222-4333-8444-555555555555" });

    const error = await rejection(acquireToken(plan, trusted()));

    expect(error.kind).toBe("unknown-application");
    expect(error.aadsts).toBe("AADSTS700016");
  });

  it("gets a token for a workload identity from its federated token file", async () => {
    const tokenFile = join(tokenDir, "token");
    writeFileSync(tokenFile, `${SAMPLE_FEDERATED_TOKEN}\n`);

    const result = await acquireToken(workload(tokenFile), trusted());

    expect(result.source).toBe("workload-identity");
    expectTokenFor(result, authority, ids.workload);
  });

  it("names a missing federated token file", async () => {
    const error = await rejection(acquireToken(workload(join(tokenDir, "absent")), trusted()));

    expect(error.kind).toBe("federated-token-file");
    expect(error.detail).toContain("ENOENT");
  });

  it("names a federated token the authority refuses, without echoing it", async () => {
    const tokenFile = join(tokenDir, "foreign");
    const foreignToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvdGhlciJ9.b3RoZXItc2lnbmF0dXJl";
    writeFileSync(tokenFile, foreignToken);

    const error = await rejection(acquireToken(workload(tokenFile), trusted()));

    expect(error.kind).toBe("federated-token-file");
    expect(error.aadsts).toBe("AADSTS70021");
    expect(error.detail).not.toContain(foreignToken);
  });
});

describe.sequential("endpoints that fail", () => {
  it("reports a refused connection as unreachable", async () => {
    const endpoint = await startRefusingIdentityEndpoint();
    try {
      const env = stubEntraEnv(endpoint.env);

      const error = await rejection(acquireToken(systemAssigned, { timeoutMs: TIMEOUT_MS, env }));

      expect(error.kind).toBe("endpoint-unreachable");
      expect(error.detail).toContain("ECONNREFUSED");
    } finally {
      await endpoint.close();
    }
  });

  it("gives up on a silent endpoint at the deadline", async () => {
    const endpoint = await startSilentIdentityEndpoint();
    const timeoutMs = 1_000;
    try {
      const env = stubEntraEnv(endpoint.env);
      const started = performance.now();

      const error = await rejection(acquireToken(systemAssigned, { timeoutMs, env }));

      expect(error.kind).toBe("timeout");
      expect(error.detail).toContain(`within ${timeoutMs} ms`);
      expect(performance.now() - started).toBeLessThan(timeoutMs + 500);
      // The deadline closed the socket too, so nothing keeps the process alive afterwards.
      await vi.waitFor(() => expect(endpoint.openConnections()).toBe(0), { timeout: 500 });
    } finally {
      await endpoint.close();
    }
  });
});
