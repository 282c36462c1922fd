/**
 * How a dropped connection shows up: ioredis's "Connection is closed." for a command in
 * flight, or the socket's own reset and broken-pipe codes. One definition, because the
 * probe's follow-up checks, latency sampling and the classifier must agree on it.
 */
export const CONNECTION_LOST = /connection is closed|ECONNRESET|EPIPE/i;

export function isConnectionLost(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return CONNECTION_LOST.test(text);
}
