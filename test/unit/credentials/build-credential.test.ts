import type * as Identity from "@azure/identity";
import { describe, expect, it } from "vitest";

import { buildCredential } from "../../../src/credentials/build-credential.js";
import type { CredentialSettings } from "../../../src/credentials/build-credential.js";
import { CredentialError } from "../../../src/credentials/credential-error.js";
import { Secret } from "../../../src/plan/secret.js";
import type { AuthPlan } from "../../../src/plan/types.js";

/** Stands in for @azure/identity, noting which credential was made with which arguments. */
function recordingIdentity(): {
  module: typeof Identity;
  made: { name: string; args: unknown[] }[];
} {
  const made: { name: string; args: unknown[] }[] = [];
  const recorder = (name: string) =>
    class {
      constructor(...args: unknown[]) {
        made.push({ name, args });
      }
    };
  const module = {
    ManagedIdentityCredential: recorder("ManagedIdentityCredential"),
    ClientSecretCredential: recorder("ClientSecretCredential"),
    WorkloadIdentityCredential: recorder("WorkloadIdentityCredential"),
    AzureCliCredential: recorder("AzureCliCredential"),
  } as unknown as typeof Identity;
  return { module, made };
}

const settings = (env: Record<string, string> = {}): CredentialSettings => ({
  pipeline: { retryOptions: { maxRetries: 1 } },
  env,
  timeoutMs: 4000,
});
const base = { username: null, scope: "https://redis.azure.com/.default" };
const servicePrincipal: AuthPlan = {
  ...base,
  method: "service-principal",
  tenantId: "tenant",
  clientId: "client",
  clientSecret: new Secret("secret-value"),
};

describe("buildCredential", () => {
  it("passes the client id only for a user-assigned identity", () => {
    const { module, made } = recordingIdentity();

    buildCredential(
      module,
      { ...base, method: "system-assigned-identity", clientId: "c" },
      settings(),
    );
    buildCredential(
      module,
      { ...base, method: "user-assigned-identity", clientId: "c" },
      settings(),
    );

    expect(made.map(({ name }) => name)).toEqual([
      "ManagedIdentityCredential",
      "ManagedIdentityCredential",
    ]);
    expect(made[0]?.args[0]).not.toHaveProperty("clientId");
    expect(made[1]?.args[0]).toMatchObject({ clientId: "c", retryOptions: { maxRetries: 1 } });
  });

  it("keeps instance discovery for a public cloud and turns it off elsewhere", () => {
    const { module, made } = recordingIdentity();

    buildCredential(module, servicePrincipal, settings());
    buildCredential(
      module,
      { ...servicePrincipal, authorityHost: "https://localhost:8443" },
      settings(),
    );
    buildCredential(
      module,
      servicePrincipal,
      settings({ AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us" }),
    );

    expect(made.map(({ args }) => args.slice(0, 3))).toEqual([
      ["tenant", "client", "secret-value"],
      ["tenant", "client", "secret-value"],
      ["tenant", "client", "secret-value"],
    ]);
    expect(made.map(({ args }) => args[3])).toMatchObject([
      { authorityHost: "https://login.microsoftonline.com", disableInstanceDiscovery: false },
      { authorityHost: "https://localhost:8443", disableInstanceDiscovery: true },
      { authorityHost: "https://login.microsoftonline.us", disableInstanceDiscovery: false },
    ]);
  });

  it("fills a workload identity from the environment Azure sets in the pod", () => {
    const { module, made } = recordingIdentity();
    const env = {
      AZURE_CLIENT_ID: "c",
      AZURE_TENANT_ID: "t",
      AZURE_FEDERATED_TOKEN_FILE: "/var/run/token",
    };

    buildCredential(module, { ...base, method: "workload-identity" }, settings(env));

    expect(made[0]).toMatchObject({
      name: "WorkloadIdentityCredential",
      args: [{ clientId: "c", tenantId: "t", tokenFilePath: "/var/run/token" }],
    });
  });

  it("refuses incomplete settings with a CredentialError naming what is missing", () => {
    const { module } = recordingIdentity();
    const attempt = (auth: AuthPlan) => () => buildCredential(module, auth, settings());

    expect(attempt({ ...servicePrincipal, tenantId: undefined })).toThrow(/tenant id/);
    expect(attempt({ ...base, method: "user-assigned-identity" })).toThrow(CredentialError);
    expect(attempt({ ...base, method: "workload-identity", clientId: "c", tenantId: "t" })).toThrow(
      expect.objectContaining({ kind: "federated-token-file" }),
    );
  });
});
