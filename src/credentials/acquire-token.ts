import { readFile } from "node:fs/promises";

import type { AccessToken, TokenCredentialOptions } from "@azure/identity";

import { Secret } from "../plan/secret.js";
import type { AuthPlan } from "../plan/types.js";
import { buildCredential } from "./build-credential.js";
import { decodeClaims } from "./claims.js";
import type { TokenClaims } from "./claims.js";
import { classifyFailure } from "./classify.js";
import { CredentialError } from "./credential-error.js";
import { loadAzureLibraries } from "./libraries.js";
import { usesDefaultImds } from "./managed-identity-source.js";
import { withinAttempt } from "./observed-http.js";
import { tokenSourceFor } from "./token-source.js";
import { trustSettings } from "./trust.js";
import { WireLog } from "./wire-log.js";

type Env = Readonly<Record<string, string | undefined>>;

/** A token and what the report may show about it. */
export interface TokenResult {
  token: Secret;
  /** Read from the token without verifying it; never includes the token itself. */
  claims: TokenClaims;
  expiresOn: Date;
  /**
   * Which source served the token: `app-service`, `imds`, `azure-arc`, `cloud-shell`,
   * `service-fabric`, `machine-learning`, `client-secret`, `workload-identity` or `azure-cli`.
   */
  source: string;
}

export interface AcquireTokenOptions {
  /** The whole attempt, library loading included, ends by then. */
  timeoutMs: number;
  /**
   * The environment the check describes. Note that @azure/identity and msal-node read the
   * managed identity variables (IDENTITY_ENDPOINT, IDENTITY_HEADER, MSI_ENDPOINT,
   * AZURE_POD_IDENTITY_AUTHORITY_HOST, ...) from `process.env` themselves; this copy decides
   * the authority, the token file and the source the report names.
   */
  env: Env;
  /** PEM text of CAs to trust for the Entra authority on top of the usual ones. */
  extraCa?: string[];
}

// One quick retry rides out a dropped connection; the libraries' own defaults (up to five
// retries with growing pauses) would spend the whole deadline on an endpoint that is down.
const RETRIES = { maxRetries: 1, retryDelayInMs: 250, maxRetryDelayInMs: 1000 };

/**
 * Gets an Entra token the way the plan's method says the app gets one. Throws only
 * CredentialError, whose `kind` names the cause, and always settles within `timeoutMs`:
 * the deadline aborts the requests in flight as well as the wait.
 */
export async function acquireToken(
  auth: AuthPlan,
  options: AcquireTokenOptions,
): Promise<TokenResult> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  const wire = new WireLog();
  const source = tokenSourceFor(auth, options.env);

  try {
    const libraries = await untilDeadline(loadAzureLibraries(), deadline.signal);
    const trust = trustSettings(options.extraCa, options.env);
    const pipeline: TokenCredentialOptions = {
      httpClient: libraries.httpClient,
      retryOptions: RETRIES,
      ...(trust !== undefined ? { tlsOptions: trust } : {}),
    };

    const token = await withinAttempt({ deadline: deadline.signal, wire }, () => {
      const credential = buildCredential(libraries.identity, auth, {
        pipeline,
        env: options.env,
        timeoutMs: options.timeoutMs,
      });
      const request = credential.getToken(auth.scope, { abortSignal: deadline.signal });
      return untilDeadline(request, deadline.signal);
    });

    return toResult(token, source);
  } catch (error) {
    throw classifyFailure(error, {
      method: auth.method,
      source,
      wire,
      timedOut: deadline.signal.aborted,
      timeoutMs: options.timeoutMs,
      byClientId: auth.method === "user-assigned-identity",
      defaultImds: usesDefaultImds(source, options.env),
      secrets: await secretsOf(auth, options.env),
    });
  } finally {
    clearTimeout(timer);
  }
}

function toResult(token: AccessToken | null, source: string | undefined): TokenResult {
  if (token === null || source === undefined) {
    throw new CredentialError({ kind: "other", detail: "the credential returned no token" });
  }

  return {
    token: new Secret(token.token),
    claims: decodeClaims(token.token),
    expiresOn: new Date(token.expiresOnTimestamp),
    source,
  };
}

/** Settles with `work`, or rejects as soon as the deadline fires, whichever comes first. */
function untilDeadline<T>(work: Promise<T>, deadline: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onDeadline = (): void => reject(new Error("deadline reached"));
    if (deadline.aborted) {
      onDeadline();
      return;
    }

    deadline.addEventListener("abort", onDeadline, { once: true });
    work.then(resolve, reject).finally(() => deadline.removeEventListener("abort", onDeadline));
  });
}

/** Everything a failure message could echo that must not reach the user. */
async function secretsOf(auth: AuthPlan, env: Env): Promise<string[]> {
  const secrets = [auth.clientSecret?.reveal(), env.IDENTITY_HEADER, env.MSI_SECRET];

  const tokenFile = auth.federatedTokenFile ?? env.AZURE_FEDERATED_TOKEN_FILE;
  if (auth.method === "workload-identity" && tokenFile) {
    const federatedToken = await readFile(tokenFile, "utf8").catch(() => undefined);
    secrets.push(federatedToken, federatedToken?.trim());
  }

  return secrets.filter((secret): secret is string => secret !== undefined && secret !== "");
}
