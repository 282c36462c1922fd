import { ConfigError } from "./config-error.js";

// Anything longer could be an access key typed into the wrong variable, so it is described
// instead of quoted.
const LONGEST_QUOTED_VALUE = 16;

// Redis keeps the database count in a signed 32-bit integer.
const HIGHEST_DATABASE = 2_147_483_646;

const TRUE_WORDS = new Set(["true", "yes", "on", "1"]);
const FALSE_WORDS = new Set(["false", "no", "off", "0"]);

/** Shows a value in an error message only when it is short enough to be harmless. */
export function describeValue(value: string): string {
  const printable = !/\p{Cc}/u.test(value);
  if (value.length <= LONGEST_QUOTED_VALUE && printable) {
    return JSON.stringify(value);
  }

  return `a value of ${value.length} characters (not shown)`;
}

/** Reads a TCP port (1 to 65535); `what` names the setting in the error. */
export function parsePort(text: string, what: string): number {
  const trimmed = text.trim();
  const port = /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (port >= 1 && port <= 65535) {
    return port;
  }

  throw new ConfigError(
    `${what} must be a port number from 1 to 65535, not ${describeValue(text)}`,
  );
}

/** Reads a Redis database index (0 upward); `what` names the setting in the error. */
export function parseDatabase(text: string, what: string): number {
  const trimmed = text.trim();
  const database = /^\d{1,10}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (database >= 0 && database <= HIGHEST_DATABASE) {
    return database;
  }

  throw new ConfigError(
    `${what} must be a database number (0, 1, 2, ...), not ${describeValue(text)}`,
  );
}

/**
 * Reads a yes/no setting. Accepts the spellings .NET, Spring Boot and shell users write
 * (`True`, `false`, `yes`, `off`, `1`); anything else is an error rather than a guess.
 */
export function parseBoolean(text: string, what: string): boolean {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) {
    return true;
  }

  if (FALSE_WORDS.has(word)) {
    return false;
  }

  throw new ConfigError(`${what} must be true or false, not ${describeValue(text)}`);
}
