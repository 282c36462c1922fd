import type { AuthMethod } from "../plan/types.js";
import { findAadstsCode, kindForAadsts } from "./aadsts.js";
import { CredentialError } from "./credential-error.js";
import type { CredentialErrorKind } from "./credential-error.js";
import { errorEvidence } from "./error-evidence.js";
import type { ErrorEvidence } from "./error-evidence.js";
import { toDetail } from "./scrub.js";
import type { WireLog } from "./wire-log.js";

/** Everything besides the error itself that tells one failure from another. */
export interface FailureContext {
  method: AuthMethod;
  source: string | undefined;
  wire: WireLog;
  /** True when our own deadline, not the library, ended the attempt. */
  timedOut: boolean;
  timeoutMs: number;
  /** The managed identity was chosen by client id (user-assigned). */
  byClientId: boolean;
  /** The token would have come from the real IMDS at 169.254.169.254. */
  defaultImds: boolean;
  /** Values that must not appear in the detail: client secret, identity header, tokens. */
  secrets: readonly string[];
}

const MANAGED_IDENTITY_METHODS: readonly AuthMethod[] = [
  "system-assigned-identity",
  "user-assigned-identity",
];
const FILE_ERROR_CODES = new Set(["ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR"]);
const TOKEN_FILE_TEXT =
  /federatedTokenFilePath|No content on the file|AZURE_FEDERATED_TOKEN_FILE|\b(ENOENT|EACCES|EPERM|EISDIR|ENOTDIR)\b/;
const IDENTITY_NOT_FOUND = /Unable to load the proper Managed Identity|Identity not found/i;
const NETWORK_TEXT =
  /Network unreachable|network_error|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;
const INVALID_TENANT_TEXT = /Invalid tenant id provided/i;
const AZURE_CLI_MISSING = /Azure CLI could not be found|az: not found|command not found/i;
const AZURE_CLI_SIGNED_OUT = /az login/i;

/**
 * Names the cause of a failed token request. The evidence is weighed from most to least
 * specific: an Entra error code, the token file, an identity the endpoint does not know, a
 * connection that failed, our deadline, then the library's wording.
 */
export function classifyFailure(error: unknown, context: FailureContext): CredentialError {
  if (error instanceof CredentialError) {
    return error.source !== undefined || context.source === undefined
      ? error
      : new CredentialError({ ...error, source: context.source });
  }

  const evidence = safeEvidence(error);
  const text = evidence.messages.join(" | ");
  const answer = context.wire.errorResponses.at(-1);
  const aadsts = answer?.aadsts ?? findAadstsCode(text);
  const kind = chooseKind(evidence, text, aadsts, context);

  return new CredentialError({
    kind,
    detail: toDetail(describe(kind, evidence, context), context.secrets),
    ...(aadsts !== undefined ? { aadsts } : {}),
    ...(context.source !== undefined ? { source: context.source } : {}),
  });
}

function chooseKind(
  evidence: ErrorEvidence,
  text: string,
  aadsts: string | undefined,
  context: FailureContext,
): CredentialErrorKind {
  const known = aadsts === undefined ? undefined : kindForAadsts(aadsts);
  if (known !== undefined) {
    return known;
  }

  if (context.method === "workload-identity" && isTokenFileProblem(evidence, text)) {
    return "federated-token-file";
  }

  const answered = context.wire.errorResponses.map((answer) => answer.description ?? "").join(" ");
  if (
    MANAGED_IDENTITY_METHODS.includes(context.method) &&
    IDENTITY_NOT_FOUND.test(`${answered} ${text}`)
  ) {
    return context.byClientId ? "unknown-client-id" : "no-managed-identity";
  }

  // On a machine without managed identity the real IMDS address refuses, drops or ignores
  // the request; that is an answer about the machine, not a network fault to chase.
  const unreachable = context.defaultImds ? "no-managed-identity" : "endpoint-unreachable";
  if (context.wire.transportFailures.length > 0) {
    return unreachable;
  }
  if (context.timedOut) {
    return context.defaultImds ? "no-managed-identity" : "timeout";
  }
  if (NETWORK_TEXT.test(text)) {
    return unreachable;
  }
  if (INVALID_TENANT_TEXT.test(text)) {
    return "wrong-tenant";
  }
  if (context.method === "azure-cli") {
    return azureCliKind(text);
  }
  return "other";
}

function azureCliKind(text: string): CredentialErrorKind {
  if (AZURE_CLI_MISSING.test(text)) return "azure-cli-missing";

  return AZURE_CLI_SIGNED_OUT.test(text) ? "azure-cli-not-signed-in" : "other";
}

function isTokenFileProblem(evidence: ErrorEvidence, text: string): boolean {
  return evidence.codes.some((code) => FILE_ERROR_CODES.has(code)) || TOKEN_FILE_TEXT.test(text);
}

/** The most telling account of the failure: what the wire showed, else the library's words. */
function describe(
  kind: CredentialErrorKind,
  evidence: ErrorEvidence,
  context: FailureContext,
): string {
  const { wire } = context;
  const failure = wire.transportFailures.at(-1);
  const answer = wire.errorResponses.at(-1);

  if (kind === "timeout" || (context.timedOut && kind === "no-managed-identity")) {
    return `no answer from ${wire.lastTarget ?? "the token endpoint"} within ${context.timeoutMs} ms`;
  }
  if (answer !== undefined) {
    const error = answer.error !== undefined ? `${answer.error}: ` : "";
    return `HTTP ${answer.status} from ${answer.target}: ${error}${answer.description ?? "(no description)"}`;
  }
  if (failure !== undefined) {
    return `${failure.message} (${failure.target})`;
  }
  return evidence.messages[0] ?? "the credential failed without a message";
}

function safeEvidence(error: unknown): ErrorEvidence {
  try {
    return errorEvidence(error);
  } catch {
    return { messages: [], codes: [] };
  }
}
