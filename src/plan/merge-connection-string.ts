import { parseConnectionString } from "./connection-string.js";
import type { FoundSetting } from "./environment.js";
import type { ConnectionSettings } from "./types.js";

type Comparable = "host" | "port" | "tls" | "database";

const COMPARED: readonly { field: Comparable; suffix: string }[] = [
  { field: "host", suffix: "HOST" },
  { field: "port", suffix: "PORT" },
  { field: "tls", suffix: "SSL" },
  { field: "database", suffix: "DATABASE" },
];

/**
 * Lays a connection string over the discrete variables of the same connection. The string
 * wins wherever both speak, because it is the one client libraries read; each disagreement
 * becomes a warning naming both variables.
 */
export function mergeConnectionString(settings: ConnectionSettings, setting: FoundSetting): void {
  const variable = setting.name;
  const parsed = parseConnectionString(setting.value, variable);
  const variablePrefix = variable.slice(0, -"CONNECTIONSTRING".length);
  settings.variables.push({ name: variable, value: parsed.redacted, source: setting.source });
  settings.warnings.push(...parsed.warnings);
  settings.form = parsed.form;

  for (const { field, suffix } of COMPARED) {
    const own = settings[field];
    const fromString = parsed[field];
    if (own !== undefined && fromString !== undefined && !same(own, fromString)) {
      settings.warnings.push(
        `${variable} and ${variablePrefix}${suffix} disagree on the ${field} ` +
          `(${String(fromString)} vs ${String(own)}); the connection string wins`,
      );
    }
  }

  const ownKey = settings.password;
  if (ownKey !== undefined && parsed.password !== undefined) {
    if (ownKey.reveal() !== parsed.password.reveal()) {
      settings.warnings.push(
        `${variable} and ${variablePrefix}PASSWORD hold different keys; ` +
          "the connection string's key is used",
      );
    }
  }

  settings.host = parsed.host;
  if (parsed.port !== undefined) settings.port = parsed.port;
  if (parsed.tls !== undefined) settings.tls = parsed.tls;
  if (parsed.database !== undefined) settings.database = parsed.database;
  if (parsed.username !== undefined) settings.username = parsed.username;
  if (parsed.password !== undefined) settings.password = parsed.password;
  if (parsed.sslHost !== undefined) settings.sslHost = parsed.sslHost;
}

function same(a: string | number | boolean, b: string | number | boolean): boolean {
  return typeof a === "string" && typeof b === "string"
    ? a.toLowerCase() === b.toLowerCase()
    : a === b;
}
