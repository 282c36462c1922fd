import type * as Identity from "@azure/identity";
import type { TokenCredential, TokenCredentialOptions } from "@azure/identity";

import type { AuthPlan } from "../plan/types.js";
import { CredentialError } from "./credential-error.js";

/** The credential classes of @azure/identity that the check builds; nothing else of it. */
export type IdentityCredentials = Pick<
  typeof Identity,
  | "AzureCliCredential"
  | "ClientSecretCredential"
  | "ManagedIdentityCredential"
  | "WorkloadIdentityCredential"
>;
type Env = Readonly<Record<string, string | undefined>>;

/** What every credential gets: the observed HTTP client, trust, retries and deadline. */
export interface CredentialSettings {
  pipeline: TokenCredentialOptions;
  env: Env;
  timeoutMs: number;
}

/** Hosts where Entra's instance discovery works; any other authority gets it turned off. */
const PUBLIC_AUTHORITY_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.chinacloudapi.cn",
  "login.microsoftonline.us",
  "login.microsoftonline.de",
]);

/**
 * Builds exactly the credential the plan's method names. No chain and no
 * DefaultAzureCredential: a chain hides which source failed and may succeed through one the
 * app will never use, which is the opposite of what a check is for.
 */
export function buildCredential(
  identity: IdentityCredentials,
  auth: AuthPlan,
  settings: CredentialSettings,
): TokenCredential {
  const { pipeline, env } = settings;

  switch (auth.method) {
    case "system-assigned-identity":
      return new identity.ManagedIdentityCredential({ ...pipeline });

    case "user-assigned-identity": {
      const clientId = required(auth.clientId, "a user-assigned identity needs its client id");
      return new identity.ManagedIdentityCredential({ ...pipeline, clientId });
    }

    case "service-principal": {
      const tenantId = required(auth.tenantId, "a service principal needs its tenant id");
      const clientId = required(auth.clientId, "a service principal needs its client id");
      const secret = required(auth.clientSecret?.reveal(), "a service principal needs its secret");
      return new identity.ClientSecretCredential(tenantId, clientId, secret, {
        ...pipeline,
        ...authorityOptions(auth, env),
      });
    }

    case "workload-identity":
      return workloadCredential(identity, auth, settings);

    case "azure-cli":
      return new identity.AzureCliCredential({
        processTimeoutInMs: settings.timeoutMs,
        ...(auth.tenantId ? { tenantId: auth.tenantId } : {}),
      });

    case "connection-string":
      throw new CredentialError({
        kind: "other",
        detail: "an access key needs no Entra token",
      });
  }
}

function workloadCredential(
  identity: IdentityCredentials,
  auth: AuthPlan,
  { pipeline, env }: CredentialSettings,
): TokenCredential {
  const clientId = required(
    auth.clientId ?? env.AZURE_CLIENT_ID,
    "workload identity needs a client id",
  );
  const tenantId = required(
    auth.tenantId ?? env.AZURE_TENANT_ID,
    "workload identity needs a tenant id",
  );
  const tokenFilePath = auth.federatedTokenFile ?? env.AZURE_FEDERATED_TOKEN_FILE;
  if (!tokenFilePath) {
    throw new CredentialError({
      kind: "federated-token-file",
      detail: "no federated token file is set (AZURE_FEDERATED_TOKEN_FILE)",
    });
  }

  return new identity.WorkloadIdentityCredential({
    ...pipeline,
    ...authorityOptions(auth, env),
    clientId,
    tenantId,
    tokenFilePath,
  });
}

/**
 * Passes the authority explicitly so that the environment given to the check, not whatever
 * the process happens to hold, decides where the token request goes.
 */
function authorityOptions(
  auth: AuthPlan,
  env: Env,
): { authorityHost: string; disableInstanceDiscovery: boolean } {
  const authorityHost =
    auth.authorityHost ?? env.AZURE_AUTHORITY_HOST ?? "https://login.microsoftonline.com";
  return { authorityHost, disableInstanceDiscovery: !isPublicAuthority(authorityHost) };
}

function isPublicAuthority(authorityHost: string): boolean {
  try {
    return PUBLIC_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
  } catch {
    return false;
  }
}

function required(value: string | undefined, problem: string): string {
  if (value) {
    return value;
  }
  throw new CredentialError({ kind: "other", detail: problem });
}
