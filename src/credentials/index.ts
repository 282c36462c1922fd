export { acquireToken } from "./acquire-token.js";
export type { AcquireTokenOptions, TokenResult } from "./acquire-token.js";
export { decodeClaims } from "./claims.js";
export type { TokenClaims } from "./claims.js";
export { CREDENTIAL_ERROR_KINDS, CredentialError } from "./credential-error.js";
export type { CredentialErrorKind } from "./credential-error.js";
