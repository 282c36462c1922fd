import { AZURE_CACHE_PLAIN_PORT, AZURE_CACHE_TLS_PORT, AZURE_MANAGED_PORT } from "./azure-hosts.js";
import { azureHostKind } from "./azure-hosts.js";
import type { ConnectionSettings, TargetPlan } from "./types.js";

interface FlagsGiven {
  port?: number;
  tls?: boolean;
}

/**
 * Warnings about a target that will probably fail or that differs from what the app does:
 * a port and TLS setting that do not go together on an Azure host, a database Azure Managed
 * Redis does not have, and client defaults this check does not share.
 */
export function targetWarnings(
  target: TargetPlan,
  settings: ConnectionSettings,
  flags: FlagsGiven,
): string[] {
  return [
    ...portWarnings(target),
    ...databaseWarnings(target),
    ...clientDefaultWarnings(target, settings, flags),
  ];
}

function portWarnings({ host, port, tls }: TargetPlan): string[] {
  const kind = azureHostKind(host);
  if (kind === "other") return [];

  if (port === AZURE_CACHE_PLAIN_PORT && tls) {
    return [`Port ${port} is the non-TLS port but TLS is on: probably mismatched; TLS uses 6380`];
  }

  if (port === AZURE_CACHE_TLS_PORT && !tls) {
    return [`Port ${port} is the TLS port but TLS is off: probably mismatched; turn TLS on`];
  }

  if (kind === "azure-managed" && port !== AZURE_MANAGED_PORT) {
    return [`Azure Managed Redis listens on port ${AZURE_MANAGED_PORT}, not ${port}`];
  }

  return [];
}

function databaseWarnings({ host, database }: TargetPlan): string[] {
  if (database === 0 || azureHostKind(host) !== "azure-managed") return [];

  return [`Azure Managed Redis has only database 0; database ${database} will be refused`];
}

// The defaults above are Service Connector's; some clients default differently, and then the
// check may succeed where the app fails.
function clientDefaultWarnings(
  target: TargetPlan,
  settings: ConnectionSettings,
  flags: FlagsGiven,
): string[] {
  const warnings: string[] = [];
  const tlsFromDefault = flags.tls === undefined && settings.tls === undefined && target.tls;
  if (settings.form === "stackexchange-connection-string" && tlsFromDefault) {
    warnings.push(
      "The connection string has no ssl=True; StackExchange.Redis then connects without TLS, " +
        "while this check uses TLS",
    );
  }

  if (settings.form !== "spring-boot") return warnings;

  if (flags.port === undefined && settings.port === undefined && target.port !== 6379) {
    warnings.push(
      `No Spring Boot port is set; Spring Boot would use 6379, this check uses ${target.port}`,
    );
  }

  if (tlsFromDefault) {
    warnings.push(
      "Spring Boot settings do not enable SSL (spring.data.redis.ssl.enabled=true or " +
        "spring.redis.ssl=true); Spring Boot would connect without TLS, this check uses TLS",
    );
  }

  return warnings;
}
