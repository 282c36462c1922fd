import { readAmbientAzure } from "./ambient.js";
import { planAuth } from "./auth-plan.js";
import { findAzureConnections } from "./azure-variables.js";
import { mergeEnvironment } from "./environment.js";
import { flagVariables } from "./flag-variables.js";
import { nothingFoundError } from "./nothing-found.js";
import { selectConnection } from "./select-connection.js";
import { findSpringConnection } from "./spring.js";
import { springIdentityWarnings } from "./spring-identity-warning.js";
import { planTarget } from "./target-plan.js";
import type { AuthMethod, ConnectionSettings, ConnectionSummary, Plan } from "./types.js";

export interface PlanFlags {
  /** `--host`, `--port`, `--tls`/`--no-tls`; `undefined` when not given. */
  host?: string;
  port?: number;
  tls?: boolean;
  /** `--resolve HOST:PORT:ADDRESS`, already parsed. */
  resolve?: { host: string; port: number; address: string };
  timeoutMs: number;
  readOnly: boolean;
  extraCa: string[];
  /** `--connection NAME`: which connection to check when several are configured. */
  connection?: string;
  /** `--auth METHOD`: forces a method instead of the one the settings imply. */
  auth?: AuthMethod;
  scope?: string;
  authorityHost?: string;
}

export interface PlanInput {
  /** The process environment. */
  env: Readonly<Record<string, string | undefined>>;
  /** A parsed `--env-file`; its values win over `env`. */
  envFile?: Readonly<Record<string, string>>;
  /** A parsed `--spring-properties` file. */
  springProperties?: Readonly<Record<string, string>>;
  flags: PlanFlags;
}

/**
 * Decides everything before the first packet: which connection, which authentication method,
 * which host, port, TLS setting and database, and what looks wrong. Pure: reads only its
 * input. Throws `ConfigError` (and nothing else) for settings that are missing or malformed.
 */
export function buildPlan(input: PlanInput): Plan {
  const { flags } = input;
  const lookup = mergeEnvironment(input.env, input.envFile);
  const azure = findAzureConnections(lookup);
  const spring = findSpringConnection(input.springProperties, lookup);
  const connections = spring === null ? azure.connections : [...azure.connections, spring];
  if (connections.length === 0 && flags.host === undefined) {
    throw nothingFoundError();
  }

  const selection =
    connections.length === 0 && flags.connection === undefined
      ? { selected: flagsOnlySettings(), warnings: [] }
      : selectConnection(connections, flags.connection, flags.host !== undefined);
  const { selected } = selection;
  const ambient = readAmbientAzure(lookup);
  const { auth, warnings: authWarnings } = planAuth(selected, ambient, flags);
  const { target, warnings: targetWarnings } = planTarget(selected, flags);

  const warnings = [
    ...azure.warnings,
    ...selected.warnings,
    ...selection.warnings,
    ...authWarnings,
    ...targetWarnings,
    ...springIdentityWarnings(connections, selected, auth.method),
  ];
  return {
    connection: selected.name,
    connections: connections.map((c) => summarize(c, selected)),
    auth,
    target,
    probe: { timeoutMs: flags.timeoutMs, readOnly: flags.readOnly, extraCa: flags.extraCa },
    variables: [
      ...connections.flatMap((c) => c.variables),
      ...ambient.variables,
      ...flagVariables(flags),
    ],
    warnings: [...new Set(warnings)],
  };
}

// With no settings at all, --host alone still describes a target (checked with an identity).
function flagsOnlySettings(): ConnectionSettings {
  return { name: null, form: "flags", variables: [], warnings: [] };
}

function summarize(settings: ConnectionSettings, selected: ConnectionSettings): ConnectionSummary {
  return {
    name: settings.name,
    form: settings.form,
    host: settings.host ?? null,
    selected: settings === selected,
  };
}
