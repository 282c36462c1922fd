/** The claims of an access token that the check reports; everything else is ignored. */
export interface TokenClaims {
  /** Object id of the identity: the Redis username for Entra authentication. */
  oid?: string;
  tid?: string;
  /** Application id, in version 1 tokens. */
  appid?: string;
  /** Application id, in version 2 tokens. */
  azp?: string;
  aud?: string;
  /** Seconds since the epoch. */
  exp?: number;
  /** Seconds since the epoch. */
  iat?: number;
}

const TEXT_CLAIMS = ["oid", "tid", "appid", "azp", "aud"] as const;
const TIME_CLAIMS = ["exp", "iat"] as const;

/**
 * Reads the claims of a JWT without verifying its signature: the check only needs to show
 * who the token is for, and Redis does the verifying. Anything that is not a JWT with a
 * JSON object payload gives `{}`; it never throws, because a token we cannot read must not
 * hide the real outcome of the check.
 */
export function decodeClaims(token: string): TokenClaims {
  try {
    const payload = readPayload(token);
    if (payload === undefined) {
      return {};
    }

    const claims: TokenClaims = {};
    for (const name of TEXT_CLAIMS) {
      const value = payload[name];
      if (typeof value === "string") {
        claims[name] = value;
      }
    }
    for (const name of TIME_CLAIMS) {
      const value = payload[name];
      if (typeof value === "number" && Number.isFinite(value)) {
        claims[name] = value;
      }
    }
    return claims;
  } catch {
    return {};
  }
}

function readPayload(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== "string") {
    return undefined;
  }

  const segments = token.split(".");
  const encoded = segments[1];
  if (segments.length !== 3 || encoded === undefined || encoded === "") {
    return undefined;
  }

  const parsed: unknown = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return undefined;
  }
  return parsed as Record<string, unknown>;
}
