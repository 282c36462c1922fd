import type { CredentialErrorKind } from "./credential-error.js";

/** The Entra error codes whose remedy we know, and what each one means for the user. */
const KIND_BY_CODE: Readonly<Record<string, CredentialErrorKind>> = {
  AADSTS7000215: "invalid-client-secret",
  AADSTS7000222: "expired-client-secret",
  AADSTS90002: "wrong-tenant",
  AADSTS900023: "wrong-tenant",
  AADSTS700016: "unknown-application",
  // The federated token was read but refused: no federated credential matches its issuer and
  // subject, or it is stale. Either way the token file is what the user must look at.
  AADSTS70021: "federated-token-file",
  AADSTS700211: "federated-token-file",
  AADSTS700212: "federated-token-file",
  AADSTS700213: "federated-token-file",
  AADSTS700024: "federated-token-file",
};

const CODE_IN_TEXT = /\bAADSTS(\d{5,8})\b/;

/** The first `AADSTSnnnn` code in a text, if any. */
export function findAadstsCode(text: string): string | undefined {
  const match = CODE_IN_TEXT.exec(text);
  return match ? `AADSTS${match[1]}` : undefined;
}

/** Turns the numeric `error_codes` of an Entra error body into an `AADSTS` code. */
export function aadstsFromErrorCodes(codes: unknown): string | undefined {
  if (!Array.isArray(codes)) {
    return undefined;
  }
  const first: unknown = codes[0];
  return typeof first === "number" && Number.isInteger(first) ? `AADSTS${first}` : undefined;
}

/** The kind an Entra code stands for, or undefined for codes without a known remedy. */
export function kindForAadsts(code: string): CredentialErrorKind | undefined {
  return KIND_BY_CODE[code];
}
