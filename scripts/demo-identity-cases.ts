/**
 * The demo's Microsoft Entra ID cases. Local stand-ins play the App Service identity
 * endpoint, the instance metadata service and an Entra authority; every token they issue
 * becomes the password of an ACL user named by the token's oid, which is what a data access
 * policy assignment does for an identity on Azure.
 *
 * Every case names its stand-in in its own variables, so no credential falls back to
 * 169.254.169.254 or a public Entra host.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { accessPolicyRules } from "../test/support/access-policies.js";
import { startAppServiceIdentityEndpoint } from "../test/support/entra/app-service.js";
import { startEntraAuthority } from "../test/support/entra/authority.js";
import type { StandInIdentity } from "../test/support/entra/identities.js";
import { startImdsEndpoint } from "../test/support/entra/imds.js";
import { SAMPLE_TENANT, sampleIdentities } from "../test/support/entra/sample-identities.js";
import type { IssuedToken } from "../test/support/entra/tokens.js";
import { cacheHostName } from "../test/support/redis-server.js";
import type { TestWorld } from "../test/support/test-world.js";
import type { DemoCase } from "./demo.js";

/** A user-assigned identity the endpoints know but the cache has no access policy for. */
const withoutPolicy: StandInIdentity = {
  kind: "user",
  clientId: "0a1b2c3d-6666-4aaa-8bbb-000000000006",
  objectId: "9e8d7c6b-6666-4ccc-8ddd-000000000006",
};

const wrongSecret = "Wrong~Secret.Value_0000000000";

const { system, user, servicePrincipal, workload } = sampleIdentities;

/** The running stand-ins and the cases that use them. */
export interface IdentityDemo {
  cases: DemoCase[];
  /** Stops every stand-in and removes the federated token file. Safe to call twice. */
  close(): Promise<void>;
}

interface Closable {
  close(): Promise<void>;
}

/**
 * Starts the Entra stand-ins next to the demo's redis-server and describes one case per
 * identity method, plus two that are meant to fail.
 */
export async function startIdentityDemo(world: TestWorld): Promise<IdentityDemo> {
  const scratch = mkdtempSync(join(tmpdir(), "rcc-demo-identity-"));
  const running: Closable[] = [];
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= Promise.allSettled(running.map((one) => one.close())).then(() => {
      rmSync(scratch, { recursive: true, force: true });
    }));

  try {
    const managed = { identities: [system, user, withoutPolicy], tenantId: SAMPLE_TENANT };
    const appService = await startAppServiceIdentityEndpoint(managed);
    running.push(appService);
    const imds = await startImdsEndpoint(managed);
    running.push(imds);
    const authority = await startEntraAuthority({
      ca: world.ca,
      identities: [servicePrincipal, workload],
    });
    running.push(authority);

    // Registered before the stand-in answers, so the user exists by the time the CLI sends
    // AUTH. The identity without a policy gets no user, as on a cache nobody granted access.
    const register = async (issued: IssuedToken): Promise<void> => {
      if (issued.objectId === withoutPolicy.objectId) return;
      await world.redis.setUser(issued.objectId, issued.token, accessPolicyRules.contributor);
    };
    for (const standIn of [appService, imds, authority]) standIn.onTokenIssued(register);

    const tokenFile = join(scratch, "azure-identity-token");
    writeFileSync(tokenFile, workload.federatedToken);

    const servicePrincipalEnv = (secret: string): Record<string, string> => ({
      AZURE_REDIS_CLIENTID: servicePrincipal.clientId,
      AZURE_REDIS_CLIENTSECRET: secret,
      AZURE_REDIS_TENANTID: SAMPLE_TENANT,
      ...authority.env,
    });

    const cases: DemoCase[] = [
      {
        title: "System-assigned identity, App Service identity endpoint",
        env: { ...appService.env },
      },
      {
        title: "User-assigned identity, App Service identity endpoint",
        env: { ...appService.env, AZURE_REDIS_CLIENTID: user.clientId },
      },
      {
        title: "System-assigned identity, instance metadata service (IMDS)",
        env: { ...imds.env },
      },
      {
        title: "Service principal with a client secret",
        env: servicePrincipalEnv(servicePrincipal.secret),
      },
      {
        title: "Workload identity (AKS federated token)",
        env: {
          AZURE_REDIS_CLIENTID: workload.clientId,
          AZURE_FEDERATED_TOKEN_FILE: tokenFile,
          AZURE_TENANT_ID: SAMPLE_TENANT,
          ...authority.env,
        },
      },
      {
        title: "Expected failure: an identity without a data access policy (exit 6)",
        env: { ...appService.env, AZURE_REDIS_CLIENTID: withoutPolicy.clientId },
        expectedExit: 6,
      },
      {
        title: "Expected failure: a wrong client secret (exit 3)",
        env: servicePrincipalEnv(wrongSecret),
        expectedExit: 3,
      },
    ];

    // Identity settings name only the host, so the port comes from the command line.
    const port = String(world.redis.port);
    const withTarget = cases.map((one) => ({
      ...one,
      env: { AZURE_REDIS_HOST: cacheHostName, ...one.env },
      extraArgs: ["--port", port, ...(one.extraArgs ?? [])],
    }));
    return { cases: withTarget, close };
  } catch (error) {
    await close();
    throw error;
  }
}
