import { readFileSync } from "node:fs";

import type { Redis, RedisOptions } from "ioredis";

import { connectClient } from "./redis-client.js";

/** The ACL user the harness creates for itself on every test server. */
export const adminUserName = "admin";

export interface AdminConnectionInputs {
  tlsPort: number | undefined;
  plainPort: number | undefined;
  caCertPath: string | undefined;
  adminPassword: string;
  /** True when the served certificate came from the caller rather than from the test CA. */
  customCert: boolean;
}

/** How the harness reaches its own server as `admin`: the plain port if there is one. */
export function adminConnection(inputs: AdminConnectionInputs): RedisOptions {
  const base: RedisOptions = {
    username: adminUserName,
    password: inputs.adminPassword,
    // Bounded, so the admin client survives a test that kills connections but never loops.
    retryStrategy: (times) => (times > 3 ? null : times * 100),
    maxRetriesPerRequest: 1,
  };

  if (inputs.plainPort !== undefined) {
    return { ...base, port: inputs.plainPort };
  }

  // A certificate supplied by the caller may be expired or name another host on purpose; the
  // harness's own channel has to work regardless, so only then does it skip the checks.
  if (inputs.customCert || inputs.caCertPath === undefined) {
    return { ...base, port: inputs.tlsPort, tls: { rejectUnauthorized: false } };
  }
  return { ...base, port: inputs.tlsPort, tls: { ca: [readFileSync(inputs.caCertPath, "utf8")] } };
}

/** The ACL SETUSER words that create or replace a user; see `RedisServer.setUser`. */
export function setUserWords(password: string, rules: readonly string[] | undefined): string[] {
  return rules === undefined
    ? ["resetpass", `>${password}`]
    : ["reset", "on", ...rules, `>${password}`];
}

/**
 * Every key matching `pattern` in every database, sorted. Uses SCAN rather than KEYS so a big
 * keyspace never blocks the server.
 */
export async function findKeysInEveryDatabase(
  adminOptions: RedisOptions,
  pattern: string,
): Promise<string[]> {
  // A private connection, because SELECT would switch the database under anyone else using
  // the shared admin client.
  const client = await connectClient(adminOptions);
  try {
    const databases = await databaseCount(client);
    const found = new Set<string>();

    for (let db = 0; db < databases; db += 1) {
      await client.select(db);
      for (const key of await scanAll(client, pattern)) {
        found.add(key);
      }
    }
    return [...found].sort();
  } finally {
    client.disconnect();
  }
}

async function databaseCount(client: Redis): Promise<number> {
  const reply = await client.config("GET", "databases");
  const count = Number(reply[1]);
  return Number.isInteger(count) && count > 0 ? count : 16;
}

/** Every key matching `pattern` in the client's current database, by SCAN (never KEYS). */
export async function scanAll(client: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";

  do {
    const [next, batch] = await client.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== "0");
  return keys;
}
