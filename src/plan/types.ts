import type { Secret } from "./secret.js";

/** How the app authenticates to the cache; these names appear in the plan, output and JSON. */
export type AuthMethod =
  | "connection-string"
  | "system-assigned-identity"
  | "user-assigned-identity"
  | "service-principal"
  | "workload-identity"
  | "azure-cli";

export const AUTH_METHODS: readonly AuthMethod[] = [
  "connection-string",
  "system-assigned-identity",
  "user-assigned-identity",
  "service-principal",
  "workload-identity",
  "azure-cli",
];

/** Where a setting came from, so the plan can tell the user which variable to change. */
export type SettingSource = "env" | "env-file" | "spring-properties" | "flag";

/** A setting that was found, as it may be shown: secrets already replaced by `***`. */
export interface FoundVariable {
  name: string;
  value: string;
  source: SettingSource;
}

/** The shape a settings form was written in, for the plan and for hints. */
export type SettingsForm =
  | "stackexchange-connection-string"
  | "uri-connection-string"
  | "discrete-variables"
  | "spring-boot"
  | "identity-variables"
  | "flags";

/**
 * What one connection's settings say, before defaults are applied. Every field is optional
 * because each form sets a different subset; the plan builder fills the gaps.
 */
export interface ConnectionSettings {
  /** `null` for the unnamed connection (`AZURE_REDIS_HOST`), else the `<NAME>` part. */
  name: string | null;
  form: SettingsForm;
  host?: string;
  port?: number;
  tls?: boolean;
  database?: number;
  username?: string;
  password?: Secret;
  clientId?: string;
  clientSecret?: Secret;
  tenantId?: string;
  /**
   * The name the certificate is checked against when it differs from `host` (StackExchange
   * `sslHost`): `host` is then only where to connect, as with a private endpoint's address.
   */
  sslHost?: string;
  variables: FoundVariable[];
  warnings: string[];
}

/** What a connection string says, in either of the two forms Service Connector writes. */
export interface ParsedConnectionString {
  form: "stackexchange-connection-string" | "uri-connection-string";
  host: string;
  port?: number;
  tls?: boolean;
  database?: number;
  username?: string;
  password?: Secret;
  sslHost?: string;
  /** The text as it may be shown: the key replaced by `***`. */
  redacted: string;
  warnings: string[];
}

/** Everything the credential step needs; only identity methods use the Entra fields. */
export interface AuthPlan {
  method: AuthMethod;
  /** The Redis username: set for keys that come with one, the token's `oid` for Entra. */
  username: string | null;
  password?: Secret;
  clientId?: string;
  clientSecret?: Secret;
  tenantId?: string;
  federatedTokenFile?: string;
  scope: string;
  authorityHost?: string;
}

export interface TargetPlan {
  host: string;
  port: number;
  tls: boolean;
  database: number;
  /** Set by `--resolve`: connect here while SNI and certificate checks use `host`. */
  connectAddress?: string;
}

export interface ProbeOptions {
  /** Deadline for each phase, in milliseconds. */
  timeoutMs: number;
  readOnly: boolean;
  /** PEM text of extra CAs to trust besides the system store. */
  extraCa: string[];
}

/** A connection found in the settings, as listed in the plan (no secrets). */
export interface ConnectionSummary {
  name: string | null;
  form: SettingsForm;
  host: string | null;
  selected: boolean;
}

/** Everything decided before the first packet. Pure data; secrets are `Secret`s. */
export interface Plan {
  connection: string | null;
  connections: ConnectionSummary[];
  auth: AuthPlan;
  target: TargetPlan;
  probe: ProbeOptions;
  variables: FoundVariable[];
  warnings: string[];
}
