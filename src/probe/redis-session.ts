import type { Duplex } from "node:stream";

import { AbstractConnector, Redis } from "ioredis";

/**
 * Hands ioredis a connection the probe has already opened, so that DNS, TCP and TLS are
 * timed as phases of their own and the whole probe runs on that one connection.
 */
class AdoptedStreamConnector extends AbstractConnector {
  constructor(private readonly adopted: Duplex) {
    super(0);
  }

  override connect(): Promise<never> {
    this.stream = this.adopted as never;
    return Promise.resolve(this.adopted as never);
  }
}

/**
 * A Redis client that does nothing of its own accord: no AUTH, no HELLO, no INFO ready
 * check, no CLIENT SETINFO, no retries, no reconnect, no offline queue. Every command the
 * server sees is one the probe chose and timed, and a Data Contributor identity (which may
 * not run INFO) is never refused by the client's own set-up.
 */
export async function openRedisSession(
  stream: Duplex,
  onError: (e: Error) => void,
): Promise<Redis> {
  const redis = new Redis({
    lazyConnect: true,
    Connector: class extends AdoptedStreamConnector {
      constructor() {
        super(stream);
      }
    } as never,
    protocol: 2,
    enableReadyCheck: false,
    disableClientInfo: true,
    maintNotifications: "disabled",
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    connectTimeout: 0,
    keepAlive: 0,
  });
  redis.on("error", onError);

  await redis.connect();
  return redis;
}

/** Ends the session politely when it can, and at once when it cannot. */
export async function closeRedisSession(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status !== "ready") {
    redis.disconnect();
    return;
  }

  const timer = setTimeout(() => redis.disconnect(), timeoutMs);
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  } finally {
    clearTimeout(timer);
  }
}
