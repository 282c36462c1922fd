import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";

import type { TestCa } from "../test-ca.js";
import { checkClient, openIdConfiguration } from "./authority-rules.js";
import { entraErrors } from "./entra-errors.js";
import type { StandInIdentity } from "./identities.js";
import { TokenLedger } from "./token-ledger.js";
import { mintAccessToken } from "./tokens.js";
import {
  closeServer,
  guarded,
  listenOnLoopback,
  readBody,
  requestUrl,
  sendJson,
} from "./stand-in.js";
import type { StandIn } from "./stand-in.js";

export interface AuthorityEnv extends Record<string, string> {
  AZURE_AUTHORITY_HOST: string;
}

export interface AuthorityStandInOptions {
  /** Issues the server certificate; clients must trust `ca.cert`. */
  ca: TestCa;
  /** `service-principal` and `workload` identities, each with its `tenantId`. */
  identities: readonly StandInIdentity[];
  /** Default: 3600, as Entra access tokens for apps last about an hour. */
  tokenLifetimeSeconds?: number;
}

/** The authority stand-in also tells which paths were asked for, to show what msal fetches. */
export interface AuthorityStandIn extends StandIn<AuthorityEnv> {
  requests: readonly { method: string; path: string }[];
}

const ROUTE =
  /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/;

/**
 * An Entra authority over HTTPS at `https://localhost:PORT`, enough for msal-node's client
 * credentials flow with instance discovery off: the tenant's OpenID configuration, its
 * (empty) key set and the v2.0 token endpoint. It accepts a client secret or, for workload
 * identities, a client assertion equal to the federated token, and refuses the rest with
 * the error bodies and AADSTS codes Entra uses.
 */
export async function startEntraAuthority(
  options: AuthorityStandInOptions,
): Promise<AuthorityStandIn> {
  const certificate = options.ca.issue(`entra-${randomUUID()}`, {
    dnsNames: ["localhost"],
    ipAddresses: ["127.0.0.1"],
  });
  const ledger = new TokenLedger();
  const requests: { method: string; path: string }[] = [];
  const tenants = new Set(
    options.identities.flatMap((one) => (one.tenantId ? [one.tenantId] : [])),
  );
  const lifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  let base = "";

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = requestUrl(request).pathname;
    requests.push({ method: request.method ?? "", path });

    const [, tenant = "", endpoint] = ROUTE.exec(path) ?? [];
    if (endpoint === undefined) {
      sendJson(response, 404, { error: "not_found" });
      return;
    }
    if (!tenants.has(tenant)) {
      const refusal = entraErrors.tenantNotFound(
        tenant,
        endpoint.startsWith("oauth2") ? "invalid_request" : "invalid_tenant",
      );
      sendJson(response, refusal.status, refusal.body);
      return;
    }

    if (endpoint.startsWith("v2.0")) {
      sendJson(response, 200, openIdConfiguration(base, tenant));
    } else if (endpoint.startsWith("discovery")) {
      sendJson(response, 200, { keys: [] });
    } else if (request.method === "POST") {
      await answerTokenRequest(tenant, new URLSearchParams(await readBody(request)), response);
    } else {
      sendJson(response, 405, { error: "invalid_request" });
    }
  }

  async function answerTokenRequest(
    tenant: string,
    form: URLSearchParams,
    response: ServerResponse,
  ): Promise<void> {
    const outcome = checkClient(options.identities, tenant, form);
    if ("status" in outcome) {
      sendJson(response, outcome.status, outcome.body);
      return;
    }

    const issued = mintAccessToken({
      identity: outcome.identity,
      tenantId: tenant,
      audience: outcome.audience,
      lifetimeSeconds,
    });
    await ledger.record(issued);
    sendJson(response, 200, {
      token_type: "Bearer",
      expires_in: lifetimeSeconds,
      ext_expires_in: lifetimeSeconds,
      access_token: issued.token,
    });
  }

  const server = createServer(
    { cert: certificate.cert, key: readFileSync(certificate.keyPath, "utf8") },
    guarded((request, response) => answer(request, response)),
  );
  const port = await listenOnLoopback(server);
  base = `https://localhost:${port}`;

  return {
    url: base,
    env: { AZURE_AUTHORITY_HOST: base },
    issued: ledger.issued,
    requests,
    onTokenIssued: (listener) => ledger.onTokenIssued(listener),
    close: () => closeServer(server),
  };
}
