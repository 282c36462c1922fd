import { ConfigError } from "./config-error.js";
import { parseHostAndPort } from "./endpoint.js";
import { describeOptionName } from "./option-names.js";
import { decodePercentEscapes } from "./percent-decoding.js";
import { redacted, Secret } from "./secret.js";
import type { ParsedConnectionString } from "./types.js";
import { describeValue, parseDatabase } from "./values.js";

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

// A user name this long made of base64 characters is an access key written without the
// leading colon (`rediss://KEY@host`).
const KEY_SHAPED = /^[A-Za-z0-9+/]{32,}={0,2}$/;

interface UserInfo {
  username?: string;
  password?: string;
  /** The user information as it may be shown. */
  shown: string;
  keyInUserPlace?: boolean;
}

/** True when `text` starts with a URI scheme such as `rediss://`. */
export function looksLikeUri(text: string): boolean {
  return SCHEME.test(text.trim());
}

/**
 * Parses `redis://` and `rediss://` URIs: `rediss://[user]:KEY@host[:port][/db]`. Access keys
 * often arrive unencoded (`+`, `/`, `=` as is), so the authority is split at its last `@`
 * instead of trusting a URL parser; percent-encoded keys are decoded. Throws
 * {@link ConfigError} naming `what`, never quoting the key.
 */
export function parseRedisUri(
  text: string,
  what = "the connection string",
): ParsedConnectionString {
  const trimmed = text.trim();
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme !== "redis" && scheme !== "rediss") {
    const found = scheme === undefined ? "no scheme" : `the scheme ${describeValue(scheme)}`;
    throw new ConfigError(`${what} has ${found}; expected redis:// or rediss://`);
  }

  const rest = trimmed.slice(scheme.length + 3);
  const at = rest.lastIndexOf("@");
  const afterUser = rest.slice(at + 1);
  const hostEnd = afterUser.search(/[/?#]/);
  const authority = hostEnd === -1 ? afterUser : afterUser.slice(0, hostEnd);
  const tail = hostEnd === -1 ? "" : afterUser.slice(hostEnd);
  const userInfo = at === -1 ? undefined : splitUserInfo(rest.slice(0, at));

  const { host, port } = parseHostAndPort(authority, what);
  const parsed: ParsedConnectionString = {
    form: "uri-connection-string",
    host,
    tls: scheme === "rediss",
    redacted: `${scheme}://${userInfo === undefined ? "" : `${userInfo.shown}@`}${afterUser}`,
    warnings: [],
  };
  if (port !== undefined) parsed.port = port;
  if (userInfo?.username !== undefined) parsed.username = userInfo.username;
  if (userInfo?.password !== undefined) parsed.password = new Secret(userInfo.password);
  if (userInfo?.keyInUserPlace === true) {
    parsed.warnings.push(
      `${what} has what looks like an access key in the user name place; it is used as the key ` +
        `here, but most clients read it as a user name: write ${scheme}://:KEY@HOST`,
    );
  }

  readPathAndQuery(tail, parsed, what);
  return parsed;
}

function splitUserInfo(raw: string): UserInfo {
  const colon = raw.indexOf(":");
  if (colon === -1) {
    const single = decodePercentEscapes(raw);
    if (KEY_SHAPED.test(single)) return { password: single, shown: redacted, keyInUserPlace: true };
    return single === "" ? { shown: raw } : { username: single, shown: raw };
  }

  const rawUser = raw.slice(0, colon);
  const username = decodePercentEscapes(rawUser);
  const password = decodePercentEscapes(raw.slice(colon + 1));
  const info: UserInfo = { shown: password === "" ? `${rawUser}:` : `${rawUser}:${redacted}` };
  if (username !== "") info.username = username;
  if (password !== "") info.password = password;
  return info;
}

function readPathAndQuery(tail: string, parsed: ParsedConnectionString, what: string): void {
  const withoutFragment = tail.split("#")[0] ?? "";
  const question = withoutFragment.indexOf("?");
  const path = question === -1 ? withoutFragment : withoutFragment.slice(0, question);
  const query = question === -1 ? "" : withoutFragment.slice(question + 1);

  if (path !== "" && path !== "/") {
    parsed.database = parseDatabase(path.slice(1), `The database in the path of ${what}`);
  }

  for (const pair of query.split("&")) {
    const equals = pair.indexOf("=");
    const name = decodePercentEscapes(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? "" : decodePercentEscapes(pair.slice(equals + 1));
    if (name === "") continue;

    if (name.toLowerCase() === "db" && parsed.database === undefined) {
      parsed.database = parseDatabase(value, `db= in ${what}`);
    } else {
      parsed.warnings.push(`${what}: parameter ${describeOptionName(name)} is ignored`);
    }
  }
}
