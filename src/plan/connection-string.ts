import { parseStackExchange } from "./stackexchange.js";
import type { ParsedConnectionString } from "./types.js";
import { looksLikeUri, parseRedisUri } from "./uri.js";

/**
 * Parses a connection string in whichever form it was written: a `redis://`/`rediss://` URI
 * (Java, Python, Go, Node.js) or a StackExchange.Redis string (.NET). Throws
 * `ConfigError` naming `what`.
 */
export function parseConnectionString(
  text: string,
  what = "the connection string",
): ParsedConnectionString {
  return looksLikeUri(text) ? parseRedisUri(text, what) : parseStackExchange(text, what);
}
