import { Redis } from "ioredis";
import type { RedisOptions } from "ioredis";

/**
 * Options every test-side client starts from. ioredis 6 otherwise speaks RESP3 (HELLO), sends
 * CLIENT SETINFO and registers for maintenance notifications, none of which a test wants in
 * its way; its default retry loop would turn a refused connection into a hang; and its ready
 * check sends INFO, which reader-style ACL users may not run (ioredis then prints a warning).
 * The host is the loopback address itself, so no name is ever looked up.
 */
const quietDefaults: RedisOptions = {
  host: "127.0.0.1",
  protocol: 2,
  disableClientInfo: true,
  maintNotifications: "disabled",
  enableReadyCheck: false,
  connectTimeout: 3_000,
  commandTimeout: 5_000,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
  lazyConnect: true,
};

/**
 * Opens an ioredis client and waits until it is connected and authenticated.
 *
 * Failures reject instead of retrying, so a test sees the first real error (WRONGPASS, a
 * certificate error, ECONNREFUSED) rather than ioredis's generic "Connection is closed". An
 * `error` listener is always attached, and the client is disconnected when connecting fails.
 */
export async function connectClient(options: RedisOptions): Promise<Redis> {
  const client = new Redis({ ...quietDefaults, ...options });

  let firstError: unknown;
  client.on("error", (error: unknown) => {
    firstError ??= error;
  });

  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw firstError ?? error;
  }
  return client;
}
