import { redacted } from "../plan/secret.js";

/** Longest `detail` a CredentialError carries; longer text is cut with an ellipsis. */
export const DETAIL_LIMIT = 300;

// Shorter values are not treated as secrets: replacing a two-letter value everywhere would
// mangle the message, and no real secret, header or token is that short.
const MIN_SECRET_LENGTH = 4;

const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_NAMES =
  "client_secret|client_assertion|assertion|access_token|refresh_token|id_token|password";
const SECRET_PARAMETER = new RegExp(`\\b(${SECRET_NAMES})=[^&\\s"']*`, "gi");
const SECRET_JSON_FIELD = new RegExp(`"(${SECRET_NAMES})"\\s*:\\s*"[^"]*"`, "gi");

// Entra repeats request ids and times in every message; they help support, not the reader.
const GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const REQUEST_IDS = new RegExp(`\\s*-?\\s*(Trace ID|Correlation ID):\\s*${GUID}`, "gi");
const TIMESTAMPS = /\s*-?\s*Timestamp:\s*\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?Z?/gi;

/**
 * Replaces every secret the caller knows (in plain, URL-encoded and JSON-escaped form) and
 * anything shaped like a token, bearer header or secret-bearing parameter with `***`.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let result = text
    .replace(JWT, redacted)
    .replace(BEARER, `Bearer ${redacted}`)
    .replace(SECRET_PARAMETER, `$1=${redacted}`)
    .replace(SECRET_JSON_FIELD, `"$1":"${redacted}"`);

  // Known secrets go last, so that no later rewrite can bring one back. A replacement can
  // complete a new match next to it, so this repeats until none is left; every round
  // shortens the text, since `***` is shorter than any form we look for.
  const forms = secrets.flatMap(spellings);
  let found = forms.find((form) => result.includes(form));
  while (found !== undefined) {
    result = result.split(found).join(redacted);
    found = forms.find((form) => result.includes(form));
  }

  return result;
}

/** Cuts text to `limit` characters, ending with an ellipsis when something was dropped. */
export function shorten(text: string, limit = DETAIL_LIMIT): string {
  if (text.length <= limit) {
    return text;
  }
  return `${text.slice(0, limit - 1).trimEnd()}…`;
}

/** Turns a library or server message into a one-line, secret-free, bounded `detail`. */
export function toDetail(text: string, secrets: readonly string[]): string {
  const oneLine = text.replace(REQUEST_IDS, "").replace(TIMESTAMPS, "").replace(/\s+/g, " ");
  const cleaned = scrub(oneLine, secrets.map(collapseWhitespace))
    .replace(/(\s-)+\s*$/, "")
    .trim();
  return shorten(cleaned);
}

function collapseWhitespace(value: string): string {
  return value.replace(/\s+/g, " ");
}

function spellings(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) {
    return [];
  }

  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}
