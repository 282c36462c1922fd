const PREFIX = "AZURE_REDIS_";

/** The last part of every variable Service Connector writes for a Redis connection. */
export const AZURE_REDIS_SUFFIXES = [
  "CONNECTIONSTRING",
  "HOST",
  "PORT",
  "PASSWORD",
  "SSL",
  "DATABASE",
  "CLIENTID",
  "CLIENTSECRET",
  "TENANTID",
] as const;

export type AzureRedisSuffix = (typeof AZURE_REDIS_SUFFIXES)[number];

export interface AzureRedisName {
  /** `null` for `AZURE_REDIS_<SUFFIX>`, else the `<NAME>` of `AZURE_REDIS_<NAME>_<SUFFIX>`. */
  connection: string | null;
  suffix: AzureRedisSuffix;
}

/** True for any variable in the `AZURE_REDIS_` family, known or not. */
export function isAzureRedisVariable(name: string): boolean {
  return name.startsWith(PREFIX);
}

/**
 * Splits `AZURE_REDIS_<NAME>_<SUFFIX>`. The suffix is matched against the known list first and
 * whatever lies between the prefix and it is the name, so `AZURE_REDIS_CLIENTID` is the
 * unnamed connection's client id, while `AZURE_REDIS_MY_CACHE_HOST` is connection `MY_CACHE`.
 * Returns `null` for names outside the family or with an unknown suffix.
 */
export function splitAzureRedisName(name: string): AzureRedisName | null {
  if (!isAzureRedisVariable(name)) return null;

  const rest = name.slice(PREFIX.length);
  for (const suffix of AZURE_REDIS_SUFFIXES) {
    if (rest === suffix) return { connection: null, suffix };

    const namePart = rest.slice(0, -(suffix.length + 1));
    if (rest.endsWith(`_${suffix}`) && namePart !== "") return { connection: namePart, suffix };
  }

  return null;
}

/** Builds the variable name for a connection and suffix, the inverse of the split. */
export function azureRedisName(connection: string | null, suffix: AzureRedisSuffix): string {
  return connection === null ? `${PREFIX}${suffix}` : `${PREFIX}${connection}_${suffix}`;
}
