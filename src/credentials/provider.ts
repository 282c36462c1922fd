import { REDIS_SCOPE } from "../plan/auth-plan.js";
import type { AuthPlan } from "../plan/types.js";
import type { CredentialProvider, ResolvedCredential } from "../probe/credential.js";
import { acquireToken, type TokenResult } from "./acquire-token.js";
import { CredentialError } from "./credential-error.js";

/** Tokens the Redis resource accepts are issued for one of these audiences. */
const REDIS_AUDIENCES = new Set([
  "https://redis.azure.com",
  "https://redis.azure.com/",
  // The application id of Azure Cache for Redis, which some token versions carry instead.
  "acca5fbb-b7e4-4009-81f1-37e38fd66d78",
]);

/** A token this close to expiry may lapse while the app uses it; worth a warning. */
const EXPIRY_WARNING_MS = 5 * 60_000;

export interface ProviderOptions {
  env: Readonly<Record<string, string | undefined>>;
  extraCa: string[];
  /** Called with the token as soon as it exists, so output can be scrubbed of it. */
  onSecret: (value: string) => void;
  now?: () => number;
}

function audienceWarnings(auth: AuthPlan, audience: string | undefined): string[] {
  if (!audience) return ["The token carries no audience (aud) claim."];

  if (REDIS_AUDIENCES.has(audience)) return [];

  // A custom --scope gets what it asked for, but Redis still wants its own audience.
  const asked = auth.scope === REDIS_SCOPE ? "" : ` (requested scope ${auth.scope})`;
  return [
    `The token's audience is ${audience}, not the Redis resource (https://redis.azure.com)` +
      `${asked}: Redis will reject it. Check --scope / the scope the app requests.`,
  ];
}

function describe(result: TokenResult, nowMs: number): ResolvedCredential["details"] {
  const { claims } = result;
  const remainingMs = result.expiresOn.getTime() - nowMs;
  return {
    source: result.source,
    oid: claims.oid ?? null,
    tid: claims.tid ?? null,
    appid: claims.appid ?? claims.azp ?? null,
    audience: claims.aud ?? null,
    expiresOn: result.expiresOn.toISOString(),
    remainingMinutes: Math.floor(remainingMs / 60_000),
  };
}

/**
 * Gets a Microsoft Entra token and turns it into Redis credentials: the token's `oid` is
 * the username and the token the password. Only facts read from the token are reported,
 * never the token itself.
 */
export function entraCredentialProvider(options: ProviderOptions): CredentialProvider {
  const now = options.now ?? Date.now;

  return async (auth, timeoutMs) => {
    const result = await acquireToken(auth, {
      timeoutMs,
      env: options.env,
      extraCa: options.extraCa,
    });
    const token = result.token.reveal();
    options.onSecret(token);

    const oid = result.claims.oid;
    if (!oid) {
      throw new CredentialError({
        kind: "other",
        detail: "the token has no oid claim, so there is no Redis username to send",
        source: result.source,
      });
    }

    const warnings = audienceWarnings(auth, result.claims.aud);
    if (result.expiresOn.getTime() - now() < EXPIRY_WARNING_MS) {
      warnings.push(`The token expires at ${result.expiresOn.toISOString()}, within minutes.`);
    }
    // Without an iat claim, the moment the token arrived is the best estimate of its issue.
    const issuedAt = result.claims.iat ? new Date(result.claims.iat * 1000) : new Date(now());
    return {
      username: oid,
      password: result.token,
      details: describe(result, now()),
      warnings,
      lifetime: { issuedAt, expiresOn: result.expiresOn },
    };
  };
}
