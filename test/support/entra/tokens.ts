import { randomBytes } from "node:crypto";

import type { StandInIdentity } from "./identities.js";

/** A token a stand-in handed out, as the test sees it. */
export interface IssuedToken {
  objectId: string;
  clientId: string;
  tenantId: string;
  audience: string;
  token: string;
  expiresOn: Date;
}

export interface MintRequest {
  identity: StandInIdentity;
  tenantId: string;
  /** The resource the token is for, such as `https://redis.azure.com`. */
  audience: string;
  lifetimeSeconds: number;
}

/**
 * Makes an access token shaped like Entra's: a JWT whose payload carries the claims Redis
 * and the check read. The signature is random bytes, since no client verifies it and the
 * test Redis accepts the token as a plain ACL password.
 */
export function mintAccessToken(request: MintRequest): IssuedToken {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + request.lifetimeSeconds;
  const { identity, tenantId, audience } = request;

  const header = { alg: "RS256", typ: "JWT", kid: "stand-in" };
  const payload = {
    aud: audience,
    iss: `https://sts.windows.net/${tenantId}/`,
    iat: now,
    nbf: now,
    exp: expiresAt,
    appid: identity.clientId,
    azp: identity.clientId,
    idtyp: "app",
    oid: identity.objectId,
    sub: identity.objectId,
    tid: tenantId,
    uti: randomBytes(16).toString("base64url"),
    ver: "1.0",
  };
  const token = [encode(header), encode(payload), randomBytes(64).toString("base64url")].join(".");

  return {
    objectId: identity.objectId,
    clientId: identity.clientId,
    tenantId,
    audience,
    token,
    expiresOn: new Date(expiresAt * 1000),
  };
}

function encode(part: object): string {
  return Buffer.from(JSON.stringify(part), "utf8").toString("base64url");
}
