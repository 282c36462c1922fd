import { azureRedisName, isAzureRedisVariable, splitAzureRedisName } from "./azure-names.js";
import type { AzureRedisSuffix } from "./azure-names.js";
import { checkHost } from "./endpoint.js";
import type { FoundSetting, SettingsLookup } from "./environment.js";
import { mergeConnectionString } from "./merge-connection-string.js";
import { redacted, Secret } from "./secret.js";
import type { ConnectionSettings, FoundVariable } from "./types.js";
import { parseBoolean, parseDatabase, parsePort } from "./values.js";

type Group = Map<AzureRedisSuffix, FoundSetting>;

const SECRET_SUFFIXES: ReadonlySet<AzureRedisSuffix> = new Set(["PASSWORD", "CLIENTSECRET"]);

export interface AzureConnections {
  connections: ConnectionSettings[];
  /** About the variables as a whole, such as names that belong to no known setting. */
  warnings: string[];
}

/**
 * Finds every connection Service Connector described with `AZURE_REDIS_*` variables: the
 * unnamed one first, then named ones (`AZURE_REDIS_<NAME>_*`) sorted by name. Throws
 * `ConfigError` naming the variable whose value does not parse.
 */
export function findAzureConnections(lookup: SettingsLookup): AzureConnections {
  const groups = new Map<string | null, Group>();
  const warnings: string[] = [];
  for (const setting of lookup.values()) {
    if (!isAzureRedisVariable(setting.name)) continue;

    const split = splitAzureRedisName(setting.name);
    if (split === null) {
      warnings.push(`${setting.name} is not a variable this check reads; it is ignored`);
      continue;
    }

    const group = groups.get(split.connection) ?? new Map();
    group.set(split.suffix, setting);
    groups.set(split.connection, group);
  }

  const names = [...groups.keys()].sort(unnamedFirst);
  const connections = names.map((name) => readConnection(name, groups.get(name) ?? new Map()));
  return { connections, warnings };
}

function unnamedFirst(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === null ? -1 : 1;
  return a.localeCompare(b);
}

function readConnection(name: string | null, group: Group): ConnectionSettings {
  const settings: ConnectionSettings = {
    name,
    form: "identity-variables",
    variables: [],
    warnings: [],
  };
  const value = (suffix: AzureRedisSuffix) => present(settings, group, suffix);

  const host = value("HOST");
  const port = value("PORT");
  const ssl = value("SSL");
  const database = value("DATABASE");
  const password = value("PASSWORD");
  const clientId = value("CLIENTID");
  const clientSecret = value("CLIENTSECRET");
  const tenantId = value("TENANTID");

  if (host !== undefined) settings.host = checkHost(host, azureRedisName(name, "HOST"));
  if (port !== undefined) settings.port = parsePort(port, azureRedisName(name, "PORT"));
  if (ssl !== undefined) settings.tls = parseBoolean(ssl, azureRedisName(name, "SSL"));
  if (database !== undefined) {
    settings.database = parseDatabase(database, azureRedisName(name, "DATABASE"));
  }
  if (clientId !== undefined) settings.clientId = clientId;
  if (clientSecret !== undefined) settings.clientSecret = new Secret(clientSecret);
  if (tenantId !== undefined) settings.tenantId = tenantId;
  if (password !== undefined) {
    settings.password = new Secret(password);
    settings.form = "discrete-variables";
  }

  const connectionString = group.get("CONNECTIONSTRING");
  const text = value("CONNECTIONSTRING");
  if (connectionString !== undefined && text !== undefined) {
    mergeConnectionString(settings, { ...connectionString, value: text });
  }

  return settings;
}

// Records the variable for the plan (secrets as `***`) and returns its trimmed value; a blank
// variable counts as missing, with a warning, because clients read it as "not configured".
function present(
  settings: ConnectionSettings,
  group: Group,
  suffix: AzureRedisSuffix,
): string | undefined {
  const setting = group.get(suffix);
  if (setting === undefined) return undefined;

  const value = setting.value.trim();
  if (value === "") {
    settings.warnings.push(`${setting.name} is set but empty; it is ignored`);
  }

  // The connection string is recorded once parsed, with its key replaced.
  if (suffix !== "CONNECTIONSTRING") {
    const shown = SECRET_SUFFIXES.has(suffix) && value !== "" ? redacted : value;
    settings.variables.push(found(setting, shown));
  }

  return value === "" ? undefined : value;
}

function found(setting: FoundSetting, value: string): FoundVariable {
  return { name: setting.name, value, source: setting.source };
}
