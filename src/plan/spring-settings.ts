import { checkHost } from "./endpoint.js";
import type { FoundSetting } from "./environment.js";
import { redacted, Secret } from "./secret.js";
import type { ConnectionSettings } from "./types.js";
import { parseRedisUri } from "./uri.js";
import { parseBoolean, parseDatabase, parsePort } from "./values.js";

/** One Spring Boot property prefix and the variable prefix relaxed binding maps onto it. */
export interface SpringGeneration {
  label: string;
  property: string;
  variable: string;
}

export interface SpringEntry extends FoundSetting {
  /** The properties-file key a variable with a different value took precedence over. */
  overrides?: string;
}

/** Settings under one prefix, keyed by the rest of the property name (`host`, `ssl.enabled`). */
export type SpringEntries = Map<string, SpringEntry>;

/** The name of Spring Boot's pseudo-connection in the plan and for `--connection`. */
export const SPRING_CONNECTION = "spring";

/**
 * Turns the Spring Boot Redis settings of one generation into connection settings. A `url`
 * wins over host, port, user name and password, as it does in Spring Boot. Throws
 * `ConfigError` naming the property or variable that does not parse.
 */
export function readSpringSettings(
  generation: SpringGeneration,
  entries: SpringEntries,
): ConnectionSettings {
  const settings: ConnectionSettings = {
    name: SPRING_CONNECTION,
    form: "spring-boot",
    variables: [],
    warnings: [],
  };
  const read = (key: string) => recordEntry(settings, entries.get(key));

  const host = read("host");
  const port = read("port");
  const username = read("username");
  const password = read("password");
  const database = read("database");
  const ssl = read("ssl.enabled") ?? read("ssl");
  if (host !== undefined) settings.host = checkHost(host.value, host.name);
  if (port !== undefined) settings.port = parsePort(port.value, port.name);
  if (username !== undefined) settings.username = username.value;
  if (password !== undefined) settings.password = new Secret(password.value);
  if (database !== undefined) settings.database = parseDatabase(database.value, database.name);
  if (ssl !== undefined) settings.tls = parseBoolean(ssl.value, ssl.name);

  const url = entries.get("url");
  if (url !== undefined && url.value.trim() !== "") {
    applyUrl(settings, url, host?.name);
  }

  return settings;
}

function applyUrl(settings: ConnectionSettings, url: SpringEntry, hostName?: string): void {
  const parsed = parseRedisUri(url.value, url.name);
  settings.variables.push({ name: url.name, value: parsed.redacted, source: url.source });
  settings.warnings.push(...parsed.warnings);
  if (hostName !== undefined) {
    settings.warnings.push(`${url.name} wins over ${hostName}, as it does in Spring Boot`);
  }

  settings.host = parsed.host;
  if (parsed.port !== undefined) settings.port = parsed.port;
  if (parsed.username !== undefined) settings.username = parsed.username;
  if (parsed.password !== undefined) settings.password = parsed.password;

  // Spring Boot turns TLS on for a rediss:// URL or for the ssl setting, whichever says so.
  settings.tls = parsed.tls === true || settings.tls === true;
  if (settings.database === undefined && parsed.database !== undefined) {
    settings.database = parsed.database;
  }
}

// Records the entry for the plan (the password as `***`) and returns it with a trimmed value,
// or `undefined` when it is missing or blank.
function recordEntry(
  settings: ConnectionSettings,
  entry: SpringEntry | undefined,
): SpringEntry | undefined {
  if (entry === undefined) return undefined;

  const value = entry.value.trim();
  const isPassword = entry.name.toLowerCase().replaceAll("_", ".").endsWith(".password");
  settings.variables.push({
    name: entry.name,
    value: isPassword && value !== "" ? redacted : value,
    source: entry.source,
  });
  if (entry.overrides !== undefined) {
    settings.warnings.push(
      `${entry.name} overrides ${entry.overrides} from the properties file; ` +
        "Spring Boot gives environment variables precedence",
    );
  }

  return value === "" ? undefined : { ...entry, value };
}
