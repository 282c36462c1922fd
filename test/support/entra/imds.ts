import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";

import { findManagedIdentity } from "./identities.js";
import { ManagedIdentityIssuer, resourceOf } from "./managed-identity.js";
import type { ManagedIdentityStandInOptions } from "./managed-identity.js";
import { forgetManagedIdentityState } from "./msal-state.js";
import { closeServer, guarded, listenOnLoopback, requestUrl, sendJson } from "./stand-in.js";
import type { StandIn } from "./stand-in.js";

export interface ImdsEnv extends Record<string, string> {
  AZURE_POD_IDENTITY_AUTHORITY_HOST: string;
}

const TOKEN_PATH = "/metadata/identity/oauth2/token";

/**
 * The instance metadata service's token endpoint, reached through
 * AZURE_POD_IDENTITY_AUTHORITY_HOST (the AKS pod identity override) so that nothing goes to
 * 169.254.169.254. Like IMDS it requires `Metadata: true`, selects a user-assigned identity
 * by `client_id` or `object_id`, and answers an unknown one with
 * 400 `invalid_request` "Identity not found".
 */
export async function startImdsEndpoint(
  options: ManagedIdentityStandInOptions,
): Promise<StandIn<ImdsEnv>> {
  const issuer = new ManagedIdentityIssuer(options);
  const server = createServer(guarded((request, response) => answer(request, response)));

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = requestUrl(request);
    if (!isTokenPath(url.pathname)) {
      sendJson(response, 404, imdsError("not_found", "Not found."));
      return;
    }
    if (request.headers.metadata !== "true") {
      sendJson(
        response,
        400,
        imdsError("invalid_request", "Required metadata header not specified"),
      );
      return;
    }

    const resource = resourceOf(url.searchParams);
    if (!url.searchParams.get("api-version") || resource === undefined) {
      sendJson(response, 400, imdsError("invalid_request", "Required query variable is missing"));
      return;
    }

    const identity = findManagedIdentity(issuer.identities, {
      clientId: url.searchParams.get("client_id"),
      objectId: url.searchParams.get("object_id"),
      resourceId: url.searchParams.get("msi_res_id"),
    });
    if (identity === undefined) {
      sendJson(response, 400, imdsError("invalid_request", "Identity not found"));
      return;
    }

    const issued = await issuer.issue(identity, resource);
    const expiresOn = Math.floor(issued.expiresOn.getTime() / 1000);
    const now = Math.floor(Date.now() / 1000);
    sendJson(response, 200, {
      access_token: issued.token,
      client_id: identity.clientId,
      expires_in: String(expiresOn - now),
      expires_on: String(expiresOn),
      ext_expires_in: String(expiresOn - now),
      not_before: String(now),
      resource,
      token_type: "Bearer",
    });
  }

  forgetManagedIdentityState();
  const port = await listenOnLoopback(server);
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    env: { AZURE_POD_IDENTITY_AUTHORITY_HOST: url },
    issued: issuer.ledger.issued,
    onTokenIssued: (listener) => issuer.ledger.onTokenIssued(listener),
    close: async () => {
      await closeServer(server);
      forgetManagedIdentityState();
    },
  };
}

function imdsError(error: string, description: string): object {
  return { error, error_description: description };
}

// msal-node normalises the endpoint URL with a trailing slash; the real services accept both.
function isTokenPath(path: string): boolean {
  return path === TOKEN_PATH || path === `${TOKEN_PATH}/`;
}
