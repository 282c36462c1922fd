import { accessSync, constants } from "node:fs";

type Env = Readonly<Record<string, string | undefined>>;

/** Where a managed identity token comes from, named as the report shows it. */
export type ManagedIdentitySource =
  | "workload-identity"
  | "service-fabric"
  | "app-service"
  | "machine-learning"
  | "cloud-shell"
  | "azure-arc"
  | "imds";

/** Where the Azure Arc agent installs its helper; its presence alone selects Azure Arc. */
const ARC_AGENT_FILES: Partial<Record<NodeJS.Platform, (env: Env) => string>> = {
  linux: () => "/opt/azcmagent/bin/himds",
  win32: (env) =>
    `${env.ProgramFiles ?? "C:\\Program Files"}\\AzureConnectedMachineAgent\\himds.exe`,
};

/**
 * Works out which managed identity endpoint @azure/identity will call, in the same order of
 * precedence as @azure/identity and msal-node, so the report can name the endpoint that
 * failed. The AKS token exchange comes first because @azure/identity checks it before
 * handing over to msal-node.
 */
export function managedIdentitySource(
  env: Env,
  clientId: string | undefined,
  arcAgentInstalled: () => boolean = () => arcAgentPresent(env),
): ManagedIdentitySource {
  if ((clientId || env.AZURE_CLIENT_ID) && env.AZURE_TENANT_ID && env.AZURE_FEDERATED_TOKEN_FILE) {
    return "workload-identity";
  }

  const identityEndpoint = Boolean(env.IDENTITY_ENDPOINT);
  const identityHeader = Boolean(env.IDENTITY_HEADER);
  if (identityEndpoint && identityHeader && env.IDENTITY_SERVER_THUMBPRINT) {
    return "service-fabric";
  }
  if (identityEndpoint && identityHeader) {
    return "app-service";
  }
  if (env.MSI_ENDPOINT && env.MSI_SECRET) {
    return "machine-learning";
  }
  if (env.MSI_ENDPOINT) {
    return "cloud-shell";
  }
  if ((identityEndpoint && env.IMDS_ENDPOINT) || arcAgentInstalled()) {
    return "azure-arc";
  }
  return "imds";
}

/**
 * True when the token would come from the real instance metadata service. There, a missing
 * or silent endpoint means the machine has no managed identity rather than a network fault.
 */
export function usesDefaultImds(source: string | undefined, env: Env): boolean {
  return source === "imds" && !env.AZURE_POD_IDENTITY_AUTHORITY_HOST;
}

function arcAgentPresent(env: Env): boolean {
  const path = ARC_AGENT_FILES[process.platform]?.(env);
  if (path === undefined) {
    return false;
  }

  try {
    accessSync(path, constants.F_OK | constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
