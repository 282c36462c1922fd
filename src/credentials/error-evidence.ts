/** The messages and codes found on an error and the errors it wraps. */
export interface ErrorEvidence {
  /** Outermost first. */
  messages: string[];
  /** `code`, `errorCode` and `name` values, such as `ENOENT` or `network_error`. */
  codes: string[];
}

// Libraries wrap errors a few levels deep at most; the limit guards against cycles.
const MAX_DEPTH = 6;

/**
 * Walks an error, its `cause` chain and any aggregated `errors`, collecting what a
 * classification can match on. Tolerates anything thrown, including non-errors.
 */
export function errorEvidence(error: unknown): ErrorEvidence {
  const evidence: ErrorEvidence = { messages: [], codes: [] };
  const seen = new Set<unknown>();
  collect(error, evidence, seen, 0);
  return evidence;
}

function collect(value: unknown, evidence: ErrorEvidence, seen: Set<unknown>, depth: number): void {
  if (depth > MAX_DEPTH || value === undefined || value === null || seen.has(value)) {
    return;
  }
  seen.add(value);

  if (typeof value !== "object") {
    evidence.messages.push(String(value));
    return;
  }

  const fields = value as Record<string, unknown>;
  pushText(evidence.messages, fields.message);
  pushText(evidence.messages, fields.errorMessage);
  for (const name of ["code", "errorCode", "name"]) {
    pushText(evidence.codes, fields[name]);
  }

  const response = fields.errorResponse as Record<string, unknown> | undefined;
  if (typeof response === "object" && response !== null) {
    pushText(evidence.messages, response.errorDescription);
  }

  collect(fields.cause, evidence, seen, depth + 1);
  if (Array.isArray(fields.errors)) {
    for (const inner of fields.errors) {
      collect(inner, evidence, seen, depth + 1);
    }
  }
}

function pushText(target: string[], value: unknown): void {
  if (typeof value === "string" && value !== "") {
    target.push(value);
  }
}
