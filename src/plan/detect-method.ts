import type { AmbientAzure } from "./ambient.js";
import { ConfigError } from "./config-error.js";
import { keySourceName, settingName } from "./setting-names.js";
import type { AuthMethod, ConnectionSettings } from "./types.js";

export interface DetectedMethod {
  method: AuthMethod;
  warnings: string[];
}

/**
 * Works out the authentication method the variables imply, the way Service Connector writes
 * them: a key means connection-string; a client secret, service principal; a client id with the
 * AKS federated token, workload identity; a client id alone, user-assigned identity; a host
 * alone, system-assigned identity.
 */
export function detectMethod(settings: ConnectionSettings, ambient: AmbientAzure): DetectedMethod {
  if (settings.password !== undefined) {
    return { method: "connection-string", warnings: keyWinsWarnings(settings) };
  }

  if (settings.clientSecret !== undefined) {
    requireForServicePrincipal(settings);
    return { method: "service-principal", warnings: [] };
  }

  if (settings.clientId === undefined) {
    return { method: "system-assigned-identity", warnings: [] };
  }

  if (ambient.federatedTokenFile !== undefined && ambient.tenantId !== undefined) {
    return { method: "workload-identity", warnings: [] };
  }

  const warnings =
    ambient.federatedTokenFile === undefined
      ? []
      : [
          "AZURE_FEDERATED_TOKEN_FILE is set but AZURE_TENANT_ID is not, so workload identity " +
            "cannot be used; checking as a user-assigned managed identity",
        ];
  return { method: "user-assigned-identity", warnings };
}

/** Throws a `ConfigError` naming each service principal variable that is missing. */
export function requireForServicePrincipal(settings: ConnectionSettings): void {
  const missing = [
    settings.clientId === undefined ? settingName(settings, "CLIENTID") : null,
    settings.clientSecret === undefined ? settingName(settings, "CLIENTSECRET") : null,
    settings.tenantId === undefined ? settingName(settings, "TENANTID") : null,
  ].filter((name) => name !== null);
  if (missing.length === 0) return;

  throw new ConfigError(
    `A service principal needs ${missing.join(", ")}, which ${missing.length === 1 ? "is" : "are"} missing`,
    "Service Connector sets AZURE_REDIS_CLIENTID, AZURE_REDIS_CLIENTSECRET and " +
      "AZURE_REDIS_TENANTID together for a service principal connection",
  );
}

function keyWinsWarnings(settings: ConnectionSettings): string[] {
  const ignored = [
    settings.clientId === undefined ? null : settingName(settings, "CLIENTID"),
    settings.clientSecret === undefined ? null : settingName(settings, "CLIENTSECRET"),
    settings.tenantId === undefined ? null : settingName(settings, "TENANTID"),
  ].filter((name) => name !== null);
  if (ignored.length === 0) return [];

  const verb = ignored.length === 1 ? "is" : "are";
  return [
    `${capitalize(keySourceName(settings))} wins: a key is present, so ${ignored.join(" and ")} ${verb} ` +
      "ignored; remove one of them",
  ];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
