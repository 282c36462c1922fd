/**
 * Raised for anything wrong with what the user gave us: a variable that does not parse, a
 * flag with a bad value, no settings at all. It becomes exit code 2 and a message that names
 * what to fix; it never carries a secret in its message.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";

  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
