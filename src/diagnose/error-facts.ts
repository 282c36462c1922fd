const DETAIL_LIMIT = 300;

/** The `code` of a Node or library error, when it has a string one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return String(error.message);
  if (typeof error === "string") return error;

  const message = (error as { message?: unknown } | null | undefined)?.message;
  if (typeof message === "string") return message;

  try {
    return String(error);
  } catch {
    // Objects without a prototype (or with a hostile toString) cannot be stringified.
    return Object.prototype.toString.call(error);
  }
}

/**
 * The underlying error as one shortened line for `--verbose` and JSON. Library messages are
 * long and sometimes multi-line; a person needs the first part, and a pipeline a stable size.
 */
export function shortDetail(error: unknown): string | null {
  const code = errorCode(error);
  const text = errorMessage(error).replace(/\s+/g, " ").trim();
  if (!text && !code) return null;

  const line = code && !text.includes(code) ? `${code}: ${text}` : text;
  return line.length > DETAIL_LIMIT ? `${line.slice(0, DETAIL_LIMIT - 1)}…` : line;
}
