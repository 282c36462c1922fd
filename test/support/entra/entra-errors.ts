import { randomUUID } from "node:crypto";

/** An error answer of the Entra token service: HTTP status and OAuth error body. */
export interface EntraError {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Builds an error body the way Entra lays it out: the OAuth `error`, a description that
 * starts with the AADSTS code and ends with trace and correlation ids, and the numeric code
 * again in `error_codes`. Clients and the check key on the code, not on the wording.
 */
function entraError(status: number, error: string, code: number, text: string): EntraError {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

export const entraErrors = {
  tenantNotFound: (tenant: string, error = "invalid_tenant"): EntraError =>
    entraError(400, error, 90002, `Tenant '${tenant}' not found.`),

  applicationNotFound: (clientId: string, tenant: string): EntraError =>
    entraError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
    ),

  invalidSecret: (clientId: string): EntraError =>
    entraError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided for app '${clientId}'.`,
    ),

  expiredSecret: (clientId: string): EntraError =>
    entraError(
      401,
      "invalid_client",
      7000222,
      `The client secret keys for app '${clientId}' are expired.`,
    ),

  assertionRefused: (): EntraError =>
    entraError(
      400,
      "invalid_client",
      70021,
      "No matching federated identity record found for the assertion.",
    ),

  credentialMissing: (): EntraError =>
    entraError(400, "invalid_client", 7000216, "A client_secret or client_assertion is required."),

  unsupportedGrant: (grant: string): EntraError =>
    entraError(
      400,
      "unsupported_grant_type",
      70003,
      `The grant type '${grant}' is not supported here.`,
    ),

  scopeMissing: (): EntraError =>
    entraError(
      400,
      "invalid_request",
      900144,
      "The request body must contain the 'scope' parameter.",
    ),
};
