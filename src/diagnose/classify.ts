import { ConfigError } from "../plan/config-error.js";
import type { Plan } from "../plan/types.js";
import type { PhaseFailure } from "../probe/types.js";
import type { Category } from "./categories.js";
import { docsLink } from "./causes.js";
import { credentialRules } from "./credential-rules.js";
import { errorCode, errorMessage, shortDetail } from "./error-facts.js";
import type { Failure } from "./failure.js";
import { networkRules } from "./network-rules.js";
import { replyRules } from "./reply-rules.js";
import { firstMatch, type Diagnosis, type FailureContext, type Rule } from "./rule.js";
import { tlsRules } from "./tls-rules.js";

const REPORT_HINT =
  "This is a bug in redis-connector-check. Run again with --verbose and report the output " +
  "(it never contains secrets) to the project's issue tracker.";

function rulesFor(phase: string): readonly Rule[] {
  if (phase === "tls") return tlsRules;
  if (phase === "credential") return credentialRules;

  return networkRules[phase] ?? replyRules;
}

function toFailure(phase: string, diagnosis: Diagnosis, error: unknown): Failure {
  return { phase, ...diagnosis, docs: docsLink(diagnosis.cause), detail: shortDetail(error) };
}

/**
 * Names the cause of a failed phase: the one place where raw errors (ECONNREFUSED,
 * WRONGPASS, certificate codes, Entra errors) become a category, a message and a remedy.
 * It never throws; what it does not recognise is reported as internal, which is a bug.
 */
export function classifyFailure(failure: PhaseFailure, plan: Plan): Failure {
  try {
    const context: FailureContext = {
      phase: failure.phase,
      error: failure.error,
      code: errorCode(failure.error),
      message: errorMessage(failure.error),
      evidence: failure.evidence,
      plan,
    };
    const diagnosis = firstMatch(rulesFor(failure.phase), context);
    if (diagnosis) return toFailure(failure.phase, diagnosis, failure.error);
  } catch {
    // A rule that trips over an odd error must not turn a diagnosis into a crash.
  }
  return internalFailure(failure.phase, failure.error);
}

export function internalFailure(phase: string, error: unknown): Failure {
  return toFailure(
    phase,
    {
      category: "internal",
      cause: "unexpected-error",
      message: `Unexpected error during ${phase}: ${errorMessage(error).split("\n")[0]}`,
      hint: REPORT_HINT,
    },
    error,
  );
}

/** A settings or usage problem found before any network traffic. */
export function configFailure(error: ConfigError | Error): Failure {
  const category: Category = "config";
  const hint =
    error instanceof ConfigError && error.hint
      ? error.hint
      : "Fix the setting named above; --explain shows what was found without connecting.";
  return {
    phase: "plan",
    category,
    cause: "invalid-settings",
    message: error.message,
    hint,
    docs: docsLink("invalid-settings"),
    detail: null,
  };
}
