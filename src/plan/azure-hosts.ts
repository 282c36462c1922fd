/** Which Azure Redis offering a host name belongs to, judged by its DNS suffix. */
export type AzureHostKind = "azure-cache" | "azure-managed" | "other";

const AZURE_CACHE_SUFFIXES = [
  ".redis.cache.windows.net",
  ".redis.cache.chinacloudapi.cn",
  ".redis.cache.usgovcloudapi.net",
];

// Azure Managed Redis and the Enterprise tier both listen on port 10000.
const AZURE_MANAGED_SUFFIXES = [".redis.azure.net", ".redisenterprise.cache.azure.net"];

export const AZURE_CACHE_TLS_PORT = 6380;
export const AZURE_CACHE_PLAIN_PORT = 6379;
export const AZURE_MANAGED_PORT = 10000;

/** Classifies a host by suffix; a trailing dot and letter case do not matter. */
export function azureHostKind(host: string): AzureHostKind {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (AZURE_CACHE_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
    return "azure-cache";
  }

  if (AZURE_MANAGED_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
    return "azure-managed";
  }

  return "other";
}

/** The port a client would use when none is configured. */
export function defaultPort(host: string, tls: boolean): number {
  if (azureHostKind(host) === "azure-managed") {
    return AZURE_MANAGED_PORT;
  }

  return tls ? AZURE_CACHE_TLS_PORT : AZURE_CACHE_PLAIN_PORT;
}
