import { entraErrors } from "./entra-errors.js";
import type { EntraError } from "./entra-errors.js";
import type { StandInIdentity } from "./identities.js";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Checks a client credentials request: grant, application, scope, then the secret or assertion. */
export function checkClient(
  identities: readonly StandInIdentity[],
  tenant: string,
  form: URLSearchParams,
): EntraError | { identity: StandInIdentity; audience: string } {
  const grant = form.get("grant_type") ?? "";
  if (grant !== "client_credentials") {
    return entraErrors.unsupportedGrant(grant);
  }

  const clientId = form.get("client_id") ?? "";
  const identity = identities.find(
    (one) =>
      (one.kind === "service-principal" || one.kind === "workload") &&
      one.clientId === clientId &&
      one.tenantId === tenant,
  );
  if (identity === undefined) {
    return entraErrors.applicationNotFound(clientId, tenant);
  }

  const scope = (form.get("scope") ?? "").split(" ").find((one) => one.endsWith("/.default"));
  if (scope === undefined) {
    return entraErrors.scopeMissing();
  }

  const refusal = checkProof(identity, form);
  return refusal ?? { identity, audience: scope.replace(/\/\.default$/, "") };
}

function checkProof(identity: StandInIdentity, form: URLSearchParams): EntraError | undefined {
  const secret = form.get("client_secret");
  if (secret !== null) {
    if (identity.secret === undefined || secret !== identity.secret) {
      return entraErrors.invalidSecret(identity.clientId);
    }
    return identity.secretExpired ? entraErrors.expiredSecret(identity.clientId) : undefined;
  }

  const assertion = form.get("client_assertion");
  if (assertion !== null) {
    const accepted =
      form.get("client_assertion_type") === ASSERTION_TYPE && assertion === identity.federatedToken;
    return accepted ? undefined : entraErrors.assertionRefused();
  }

  return entraErrors.credentialMissing();
}

/** The tenant's OpenID metadata; msal-node insists on the issuer, both endpoints and jwks_uri. */
export function openIdConfiguration(base: string, tenant: string): object {
  const root = `${base}/${tenant}`;
  return {
    issuer: `${root}/v2.0`,
    token_endpoint: `${root}/oauth2/v2.0/token`,
    authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${root}/oauth2/v2.0/logout`,
    jwks_uri: `${root}/discovery/v2.0/keys`,
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    token_endpoint_auth_methods_supported: [
      "client_secret_post",
      "private_key_jwt",
      "client_secret_basic",
    ],
    tenant_region_scope: null,
  };
}
