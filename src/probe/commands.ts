import { randomBytes } from "node:crypto";

import type { Redis } from "ioredis";

import type { Plan } from "../plan/types.js";
import type { ResolvedCredential } from "./credential.js";
import { withDeadline } from "./deadline.js";
import { PhaseFailed, type PhaseLog } from "./phase-log.js";
import { UnexpectedReplyError } from "./unexpected-reply.js";

/** Every key the probe writes starts with this, so a person can recognise and trust them. */
export const PROBE_KEY_PREFIX = "redis-connector-check:";

/** Long enough to outlive a slow probe, short enough that a crash leaves nothing for long. */
const PROBE_KEY_TTL_SECONDS = 60;

export function newProbeKey(): string {
  return PROBE_KEY_PREFIX + randomBytes(12).toString("hex");
}

export { UnexpectedReplyError };

function expectReply(command: string, received: unknown, expected: unknown): void {
  if (received === expected) return;

  throw new UnexpectedReplyError(command, String(expected), String(received));
}

/** AUTH (and SELECT for a database other than 0): the start of every session. */
export async function authenticate(
  redis: Redis,
  log: PhaseLog,
  credential: ResolvedCredential,
  plan: Plan,
): Promise<void> {
  const { username, password } = credential;

  await log.run("auth", {
    run: () => (username ? redis.auth(username, password.reveal()) : redis.auth(password.reveal())),
    describe: () => ({ user: username ?? "default" }),
  });

  if (plan.target.database !== 0) {
    const database = plan.target.database;
    await log.run("select", { run: () => redis.select(database), describe: () => ({ database }) });
  }
}

/**
 * PING, then the data round trip. Writes use SET NX with a TTL on a fresh random key, so
 * the probe can never overwrite a key it did not create and leaves nothing behind even if
 * it dies half way; when GET fails after SET succeeded, the key is still deleted.
 */
export async function dataRoundTrip(
  redis: Redis,
  log: PhaseLog,
  plan: Plan,
  key: string = newProbeKey(),
): Promise<void> {
  await log.run("ping", {
    run: async () => expectReply("PING", await redis.ping(), "PONG"),
  });

  if (plan.probe.readOnly) {
    await readOnlyRoundTrip(redis, log, key);
    return;
  }
  await writeRoundTrip(redis, log, key);
}

async function readOnlyRoundTrip(redis: Redis, log: PhaseLog, key: string): Promise<void> {
  await log.run("get", {
    run: async () => expectReply("GET", await redis.get(key), null),
    describe: () => ({ key, expected: "nil (read-only mode reads a key that does not exist)" }),
  });
}

async function writeRoundTrip(redis: Redis, log: PhaseLog, key: string): Promise<void> {
  const value = randomBytes(16).toString("hex");
  let written = false;

  try {
    await log.run("set", {
      run: async () => {
        expectReply("SET", await redis.set(key, value, "EX", PROBE_KEY_TTL_SECONDS, "NX"), "OK");
        written = true;
      },
      describe: () => ({ key, ttlSeconds: PROBE_KEY_TTL_SECONDS }),
    });

    await log.run("get", {
      run: async () => expectReply("GET", await redis.get(key), value),
      describe: () => ({ key, matched: true }),
    });

    await log.run("del", {
      run: async () => {
        expectReply("DEL", await redis.del(key), 1);
        written = false;
      },
      describe: () => ({ key }),
    });
  } catch (error) {
    // Bounded: after a stall, this DEL would queue behind the command that never returned.
    if (written) await withDeadline("cleanup", CLEANUP_MS, () => redis.del(key)).catch(() => 0);
    throw await withMemoryPolicy(redis, error);
  }
}

/** How long the best-effort DEL of a written probe key after a failure may take. */
const CLEANUP_MS = 1000;

/** How long the best-effort CONFIG GET after an OOM may take. */
const POLICY_LOOKUP_MS = 500;

/**
 * After OOM, the eviction policy tells "full and refusing writes" (noeviction) from "full
 * and evicting"; reading it needs CONFIG, which Azure's policies often forbid, so it is a
 * best-effort extra and never a failure of its own.
 */
async function withMemoryPolicy(redis: Redis, error: unknown): Promise<unknown> {
  if (!(error instanceof PhaseFailed) || !/^OOM/.test(String((error.original as Error)?.message))) {
    return error;
  }

  const lookup = redis.config("GET", "maxmemory-policy") as Promise<unknown>;
  const policy = await withDeadline("config", POLICY_LOOKUP_MS, () => lookup).catch(() => null);
  const value = Array.isArray(policy) && typeof policy[1] === "string" ? policy[1] : undefined;
  if (!value) return error;

  return new PhaseFailed(error.phase, error.original, {
    ...error.evidence,
    maxmemoryPolicy: value,
  });
}
