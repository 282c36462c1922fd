import type { AuthPlan } from "../plan/types.js";
import type { Secret } from "../plan/secret.js";
import type { PhaseDetails } from "./types.js";

/** What AUTH needs, however it was obtained. */
export interface ResolvedCredential {
  username: string | null;
  password: Secret;
  details: PhaseDetails;
  warnings: string[];
  /** For tokens: when it was issued and when it expires, to plan its refresh. */
  lifetime?: { issuedAt: Date; expiresOn: Date };
}

/** Obtains an Entra token for an identity method; injected so unit tests can stand in. */
export type CredentialProvider = (
  auth: AuthPlan,
  timeoutMs: number,
  signal: AbortSignal,
) => Promise<ResolvedCredential>;

export function isIdentityMethod(auth: AuthPlan): boolean {
  return auth.method !== "connection-string";
}
