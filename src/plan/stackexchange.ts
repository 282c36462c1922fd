import { ConfigError } from "./config-error.js";
import { checkHost, parseHostAndPort } from "./endpoint.js";
import { describeOptionName } from "./option-names.js";
import { redacted, Secret } from "./secret.js";
import type { ParsedConnectionString } from "./types.js";
import { parseBoolean, parseDatabase } from "./values.js";

// StackExchange.Redis options that do not change where or how this check connects: accepted
// quietly. Keys are lower case because the client matches option names case-insensitively.
const QUIET_OPTIONS = new Set([
  "abortconnect",
  "allowadmin",
  "asynctimeout",
  "channelprefix",
  "checkcertificaterevocation",
  "clientname",
  "configchannel",
  "configcheckseconds",
  "connectretry",
  "connecttimeout",
  "heartbeatinterval",
  "keepalive",
  "name",
  "protocol",
  "proxy",
  "resolvedns",
  "responsetimeout",
  "servicename",
  "setlib",
  "sslprotocols",
  "synctimeout",
  "tiebreaker",
  "version",
]);

interface Tokens {
  endpoints: string[];
  options: Map<string, string>;
}

/**
 * Parses a StackExchange.Redis configuration string, the form .NET apps get from Service
 * Connector: `cache.redis.cache.windows.net:6380,password=KEY,ssl=True,abortConnect=False`.
 * Option names are case-insensitive; unknown ones become warnings. Throws {@link ConfigError}
 * naming `what`, never quoting the key.
 */
export function parseStackExchange(
  text: string,
  what = "the connection string",
): ParsedConnectionString {
  const { endpoints, options } = tokenize(text);
  const [first, ...others] = endpoints;
  if (first === undefined) {
    throw new ConfigError(`${what} names no host; expected HOST:PORT,password=KEY,ssl=True`);
  }

  const { host, port } = parseHostAndPort(first, what);
  const parsed: ParsedConnectionString = {
    form: "stackexchange-connection-string",
    host,
    redacted: redact(text),
    warnings: [],
  };
  if (port !== undefined) parsed.port = port;
  if (others.length > 0) {
    parsed.warnings.push(
      `${what} lists ${endpoints.length} endpoints; only the first one is checked`,
    );
  }

  for (const [name, value] of options) {
    applyOption(parsed, name, value, what);
  }

  return parsed;
}

// A base64 access key never contains a comma, so splitting on every comma is safe for keys;
// a hand-made password with a comma would be cut here, as StackExchange.Redis itself cuts it.
function tokenize(text: string): Tokens {
  const endpoints: string[] = [];
  const options = new Map<string, string>();
  for (const token of text.split(",")) {
    const trimmed = token.trim();
    if (trimmed === "") continue;

    const equals = trimmed.indexOf("=");
    if (equals === -1) {
      endpoints.push(trimmed);
    } else {
      // The value keeps every later `=`: base64 keys end in `=` padding.
      options.set(trimmed.slice(0, equals).trim(), trimmed.slice(equals + 1).trim());
    }
  }

  return { endpoints, options };
}

function applyOption(parsed: ParsedConnectionString, name: string, value: string, what: string) {
  const label = `${name}= in ${what}`;
  switch (name.toLowerCase()) {
    case "password":
      if (value === "") parsed.warnings.push(`${what} has an empty password=`);
      else parsed.password = new Secret(value);
      return;
    case "user":
      if (value !== "") parsed.username = value;
      return;
    case "ssl":
      parsed.tls = parseBoolean(value, label);
      return;
    case "defaultdatabase":
      parsed.database = parseDatabase(value, label);
      return;
    case "sslhost":
      parsed.sslHost = checkHost(value, label);
      return;
  }

  if (!QUIET_OPTIONS.has(name.toLowerCase())) {
    parsed.warnings.push(`${what}: option ${describeOptionName(name)} is unknown and ignored`);
  }
}

function redact(text: string): string {
  return text
    .split(",")
    .map((token) => {
      const equals = token.indexOf("=");
      const isPassword =
        equals !== -1 && token.slice(0, equals).trim().toLowerCase() === "password";
      return isPassword ? `${token.slice(0, equals + 1)}${redacted}` : token;
    })
    .join(",");
}
