import dotenv from "dotenv";

/**
 * Parses the text of an env file (`KEY=value` lines, quotes, comments, `export` prefixes) the
 * way dotenv does, so a file copied from an app's configuration reads as the app reads it.
 */
export function parseEnvFile(text: string): Record<string, string> {
  return { ...dotenv.parse(text) };
}
