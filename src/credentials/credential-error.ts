/** Why a token could not be had; each kind has its own remedy in the report. */
export type CredentialErrorKind =
  | "no-managed-identity"
  | "unknown-client-id"
  | "invalid-client-secret"
  | "expired-client-secret"
  | "wrong-tenant"
  | "unknown-application"
  | "federated-token-file"
  | "endpoint-unreachable"
  | "timeout"
  | "azure-cli-not-signed-in"
  | "azure-cli-missing"
  | "other";

export const CREDENTIAL_ERROR_KINDS: readonly CredentialErrorKind[] = [
  "no-managed-identity",
  "unknown-client-id",
  "invalid-client-secret",
  "expired-client-secret",
  "wrong-tenant",
  "unknown-application",
  "federated-token-file",
  "endpoint-unreachable",
  "timeout",
  "azure-cli-not-signed-in",
  "azure-cli-missing",
  "other",
];

export interface CredentialErrorFields {
  kind: CredentialErrorKind;
  /** Short, scrubbed account of what the library or the endpoint said. */
  detail: string;
  /** The Entra error code, such as `AADSTS7000215`, when the service sent one. */
  aadsts?: string;
  /** The token source that was tried, such as `app-service` or `client-secret`. */
  source?: string;
}

/**
 * The one error `acquireToken` throws. It carries no reference to the library's error, whose
 * message or request could hold the client secret, an identity header or a token: only the
 * scrubbed `detail` travels on.
 */
export class CredentialError extends Error {
  override readonly name = "CredentialError";
  readonly kind: CredentialErrorKind;
  readonly detail: string;
  readonly aadsts?: string;
  readonly source?: string;

  constructor(fields: CredentialErrorFields) {
    super(`${fields.kind}: ${fields.detail}`);
    this.kind = fields.kind;
    this.detail = fields.detail;
    if (fields.aadsts !== undefined) {
      this.aadsts = fields.aadsts;
    }
    if (fields.source !== undefined) {
      this.source = fields.source;
    }
  }
}
