import type { AmbientAzure } from "./ambient.js";
import { ConfigError } from "./config-error.js";
import { detectMethod, requireForServicePrincipal } from "./detect-method.js";
import { keySourceName, keyVariableNames, settingName } from "./setting-names.js";
import type { AuthMethod, AuthPlan, ConnectionSettings } from "./types.js";

/** The Entra scope every Azure Redis offering accepts tokens for. */
export const REDIS_SCOPE = "https://redis.azure.com/.default";

export interface AuthFlags {
  auth?: AuthMethod;
  scope?: string;
  authorityHost?: string;
}

export interface AuthDecision {
  auth: AuthPlan;
  warnings: string[];
}

/**
 * Decides how to authenticate: the method `--auth` forces, or the one the settings imply.
 * Throws `ConfigError` when the chosen method lacks a setting it needs, naming the variable.
 */
export function planAuth(
  settings: ConnectionSettings,
  ambient: AmbientAzure,
  flags: AuthFlags,
): AuthDecision {
  const detected =
    flags.auth === undefined
      ? detectMethod(settings, ambient)
      : { method: flags.auth, warnings: forcedWarnings(flags.auth, settings) };
  const method = detected.method;

  const auth: AuthPlan = {
    method,
    username: method === "connection-string" ? (settings.username ?? null) : null,
    scope: flags.scope ?? REDIS_SCOPE,
  };
  const authorityHost = flags.authorityHost ?? ambient.authorityHost;
  if (authorityHost !== undefined) auth.authorityHost = authorityHost;

  fillCredentialFields(auth, settings, ambient);
  return { auth, warnings: detected.warnings };
}

function fillCredentialFields(auth: AuthPlan, settings: ConnectionSettings, ambient: AmbientAzure) {
  switch (auth.method) {
    case "connection-string":
      if (settings.password === undefined) {
        throw new ConfigError(
          "--auth connection-string needs a key, but none was found",
          `Set ${keyVariableNames(settings).join(" or ")}, or choose another --auth method`,
        );
      }
      auth.password = settings.password;
      return;
    case "service-principal":
      requireForServicePrincipal(settings);
      auth.clientId = settings.clientId;
      auth.clientSecret = settings.clientSecret;
      auth.tenantId = settings.tenantId;
      return;
    case "user-assigned-identity":
      auth.clientId = requireClientId(settings);
      return;
    case "workload-identity":
      fillWorkloadIdentity(auth, settings, ambient);
      return;
    case "azure-cli":
      if (settings.tenantId !== undefined) auth.tenantId = settings.tenantId;
      return;
    case "system-assigned-identity":
      return;
  }
}

// The AKS webhook injects AZURE_CLIENT_ID and AZURE_TENANT_ID; Service Connector's own
// variables take precedence when present because they name the identity meant for Redis.
function fillWorkloadIdentity(auth: AuthPlan, settings: ConnectionSettings, ambient: AmbientAzure) {
  const clientId = settings.clientId ?? ambient.clientId;
  const tenantId = settings.tenantId ?? ambient.tenantId;
  const missing = [
    clientId === undefined ? `${settingName(settings, "CLIENTID")} (or AZURE_CLIENT_ID)` : null,
    ambient.federatedTokenFile === undefined ? "AZURE_FEDERATED_TOKEN_FILE" : null,
    tenantId === undefined ? "AZURE_TENANT_ID" : null,
  ].filter((name) => name !== null);
  if (missing.length > 0) {
    throw new ConfigError(
      `Workload identity needs ${missing.join(", ")}, which the environment does not have`,
      "Run the check inside a pod whose service account is set up for workload identity",
    );
  }

  auth.clientId = clientId;
  auth.tenantId = tenantId;
  auth.federatedTokenFile = ambient.federatedTokenFile;
}

function requireClientId(settings: ConnectionSettings): string {
  if (settings.clientId !== undefined) return settings.clientId;

  throw new ConfigError(
    `A user-assigned managed identity needs ${settingName(settings, "CLIENTID")}, which is missing`,
    "Set it to the identity's client id, or use --auth system-assigned-identity",
  );
}

// A forced method leaves some found settings unused; say so, so nobody wonders why a key that
// works in the app was not tried.
function forcedWarnings(method: AuthMethod, settings: ConnectionSettings): string[] {
  const usesKey = method === "connection-string";
  const usesClientId = !usesKey && method !== "system-assigned-identity" && method !== "azure-cli";
  const unused = [
    settings.password !== undefined && !usesKey ? `the key from ${keySourceName(settings)}` : null,
    settings.clientId !== undefined && !usesClientId ? settingName(settings, "CLIENTID") : null,
    settings.clientSecret !== undefined && method !== "service-principal"
      ? settingName(settings, "CLIENTSECRET")
      : null,
  ].filter((name) => name !== null);
  if (unused.length === 0) return [];

  return [
    `--auth ${method} is forced, so ${unused.join(" and ")} ${unused.length === 1 ? "is" : "are"} not used`,
  ];
}
