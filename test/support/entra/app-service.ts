import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";

import { findManagedIdentity } from "./identities.js";
import { ManagedIdentityIssuer, resourceOf } from "./managed-identity.js";
import type { ManagedIdentityStandInOptions } from "./managed-identity.js";
import { forgetManagedIdentityState } from "./msal-state.js";
import { closeServer, guarded, listenOnLoopback, requestUrl, sendJson } from "./stand-in.js";
import type { StandIn } from "./stand-in.js";

export interface AppServiceEnv extends Record<string, string> {
  IDENTITY_ENDPOINT: string;
  IDENTITY_HEADER: string;
}

const TOKEN_PATH = "/msi/token";
const API_VERSION = "2019-08-01";

/**
 * The local identity endpoint of App Service and Functions (API version 2019-08-01). It
 * insists on the `X-IDENTITY-HEADER` secret, serves the system-assigned identity when no id
 * is given and a user-assigned one by `client_id` or `object_id` (the names msal-node
 * sends), and refuses an unknown identity with the 400 App Service sends.
 */
export async function startAppServiceIdentityEndpoint(
  options: ManagedIdentityStandInOptions,
): Promise<StandIn<AppServiceEnv>> {
  const issuer = new ManagedIdentityIssuer(options);
  const header = randomUUID();
  const server = createServer(guarded((request, response) => answer(request, response)));

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = requestUrl(request);
    if (request.method !== "GET" || !isTokenPath(url.pathname)) {
      sendJson(response, 404, appServiceError(404, "Not found."));
      return;
    }
    if (request.headers["x-identity-header"] !== header) {
      sendJson(response, 401, appServiceError(401, "The X-IDENTITY-HEADER is missing or wrong."));
      return;
    }

    const resource = resourceOf(url.searchParams);
    if (url.searchParams.get("api-version") !== API_VERSION || resource === undefined) {
      sendJson(response, 400, appServiceError(400, "The api-version or resource is missing."));
      return;
    }

    const identity = findManagedIdentity(issuer.identities, {
      clientId: url.searchParams.get("client_id"),
      objectId: url.searchParams.get("object_id") ?? url.searchParams.get("principal_id"),
      resourceId: url.searchParams.get("mi_res_id"),
    });
    if (identity === undefined) {
      sendJson(response, 400, appServiceError(400, "Unable to load the proper Managed Identity."));
      return;
    }

    const issued = await issuer.issue(identity, resource);
    sendJson(response, 200, {
      access_token: issued.token,
      expires_on: String(Math.floor(issued.expiresOn.getTime() / 1000)),
      resource,
      token_type: "Bearer",
      client_id: identity.clientId,
    });
  }

  forgetManagedIdentityState();
  const port = await listenOnLoopback(server);
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    env: { IDENTITY_ENDPOINT: `${url}${TOKEN_PATH}`, IDENTITY_HEADER: header },
    issued: issuer.ledger.issued,
    onTokenIssued: (listener) => issuer.ledger.onTokenIssued(listener),
    close: async () => {
      await closeServer(server);
      forgetManagedIdentityState();
    },
  };
}

function appServiceError(statusCode: number, message: string): object {
  return { statusCode, message, correlationId: randomUUID() };
}

// msal-node normalises the endpoint URL with a trailing slash; the real services accept both.
function isTokenPath(path: string): boolean {
  return path === TOKEN_PATH || path === `${TOKEN_PATH}/`;
}
