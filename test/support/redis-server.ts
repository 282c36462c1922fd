import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import type { Redis, RedisOptions } from "ioredis";

import { freePort } from "./free-port.js";
import {
  adminConnection,
  adminUserName,
  findKeysInEveryDatabase,
  setUserWords,
} from "./redis-admin.js";
import { renderRedisConfig } from "./redis-config.js";
import type { AclUser } from "./redis-config.js";
import { connectClient } from "./redis-client.js";
import { spawnRedisProcess } from "./redis-process.js";
import type { RedisProcess } from "./redis-process.js";
import { answersPing } from "./redis-readiness.js";
import type { IssuedCert, TestCa } from "./test-ca.js";

export type { AclUser } from "./redis-config.js";

/** The host name tests pretend to reach; it only ever maps to 127.0.0.1. */
export const cacheHostName = "cache.redis.cache.windows.net";

/** The key pattern the probe writes under; `probeKeys()` looks for leftovers of it. */
export const probeKeyPattern = "redis-connector-check:*";

export interface RedisServerOptions {
  /** Password of the `default` user, which is who an Azure access key authenticates as. */
  accessKey: string;
  /** Issues the server certificate. Needed for TLS unless `cert` is given. */
  ca?: TestCa;
  /** Serve TLS. Default true; false gives a plain-text server only. */
  tls?: boolean;
  /** With TLS on, also open a plain-text port (`plainPort`). Default false. */
  plainListener?: boolean;
  /** Serve this certificate instead of issuing one, e.g. an expired or wrongly named one. */
  cert?: IssuedCert;
  /** DNS names on the issued certificate (127.0.0.1 is always added as an IP address). */
  serverNames?: string[];
  /** ACL users standing in for Entra identities and access policies. */
  users?: readonly AclUser[];
  /**
   * Extra redis-server arguments such as `["--maxmemory", "1mb"]`; they override the
   * generated config file.
   */
  extraArgs?: readonly string[];
  /** How long to wait for the server to answer. Default 10 000 ms. */
  startTimeoutMs?: number;
}

/** A running throwaway redis-server on 127.0.0.1. */
export interface RedisServer {
  readonly host: "127.0.0.1";
  /** The TLS port when TLS is on, otherwise the plain-text port. */
  readonly port: number;
  readonly tls: boolean;
  readonly tlsPort: number | undefined;
  readonly plainPort: number | undefined;
  /** The CA that clients must trust, when the server serves TLS with a test CA. */
  readonly caCertPath: string | undefined;
  readonly pid: number;
  /** The server's own temporary folder (config, log); removed by `stop()`. */
  readonly dir: string;
  /** A connected client for the harness's own `admin` user, created once and reused. */
  admin(): Promise<Redis>;
  /** Every key matching `redis-connector-check:*` in every database, sorted. */
  probeKeys(): Promise<string[]>;
  /**
   * Creates or replaces an ACL user. With `rules`, the user is rebuilt from scratch (`on` plus
   * the rules); without, only its password is replaced and its rules stay, as when a fresh
   * token is registered for an existing identity or an access key is regenerated.
   */
  setUser(name: string, password: string, rules?: readonly string[]): Promise<void>;
  /** The last lines of the server log plus anything it printed, for failure messages. */
  logTail(lines?: number): string;
  /**
   * Stops the server and starts it again on the same ports with the same configuration, as a
   * patch or failover restart would. Users added at run time with `setUser` are gone after.
   */
  restart(): Promise<void>;
  /** Stops the server, waits for it to exit and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const startAttempts = 5;

/** Raised when the port picked for the server was taken before it could bind. */
class PortTakenError extends Error {
  override name = "PortTakenError";
}

/**
 * Starts a real `redis-server` on 127.0.0.1 with its own temporary folder, no persistence,
 * the access key on the `default` user, the given ACL users and an `admin` user for the
 * harness. Resolves once the server answers; rejects with its log tail if it does not.
 */
export async function startRedisServer(options: RedisServerOptions): Promise<RedisServer> {
  for (const user of options.users ?? []) {
    if (user.name === adminUserName || user.name === "default") {
      throw new Error(`ACL user "${user.name}" is reserved by the test server`);
    }
  }

  const cert = options.tls === false ? undefined : (options.cert ?? issueServerCert(options));

  // The free port is only free when checked, so another process may win the race for it.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await launch(options, cert);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= startAttempts) {
        throw error;
      }
    }
  }
}

function issueServerCert(options: RedisServerOptions): IssuedCert {
  if (options.ca === undefined) {
    throw new Error("a TLS test server needs either `ca` or `cert`");
  }

  return options.ca.issue(`redis-${randomUUID().slice(0, 8)}`, {
    dnsNames: options.serverNames ?? [cacheHostName, "localhost"],
    ipAddresses: ["127.0.0.1"],
  });
}

async function launch(
  options: RedisServerOptions,
  cert: IssuedCert | undefined,
): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "rcc-redis-"));
  const tlsPort = cert === undefined ? undefined : await freePort();
  const plainPort = cert === undefined || options.plainListener ? await freePort() : undefined;
  const caCertPath = cert === undefined ? undefined : options.ca?.certPath;
  const adminPassword = randomBytes(24).toString("base64url");

  const configPath = join(dir, "redis.conf");
  const config = renderRedisConfig({
    dir,
    plainPort,
    tls:
      cert === undefined || tlsPort === undefined
        ? undefined
        : { port: tlsPort, certPath: cert.certPath, keyPath: cert.keyPath, caCertPath },
    accessKey: options.accessKey,
    users: [
      { name: adminUserName, password: adminPassword, rules: ["~*", "&*", "+@all"] },
      ...(options.users ?? []),
    ],
  });
  writeFileSync(configPath, config, { mode: 0o600 });

  const adminOptions = adminConnection({
    tlsPort,
    plainPort,
    caCertPath,
    adminPassword,
    customCert: options.cert !== undefined,
  });
  const args = [configPath, ...(options.extraArgs ?? [])];
  const server = spawnRedisProcess(args, dir);
  const handle = createHandle({ server, args, dir, tlsPort, plainPort, caCertPath, adminOptions });

  try {
    await waitUntilServing(server, handle, options.startTimeoutMs ?? 10_000);

    // Logging in as our own admin proves the answer came from this server and not from
    // another process that grabbed the port first. The admin client itself stays lazy.
    const check = await connectClient(adminOptions);
    check.disconnect();
  } catch (error) {
    const failure = describeStartFailure(error, handle);
    await handle.stop();
    throw failure;
  }
  return handle;
}

async function waitUntilServing(
  server: RedisProcess,
  handle: RedisServer,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const port = handle.plainPort ?? handle.port;
  const tls = handle.plainPort === undefined;

  while (Date.now() < deadline) {
    if (server.hasExited()) {
      throw new Error(`redis-server ended before it was ready (${server.exitStatus()})`);
    }
    if (await answersPing(port, tls)) {
      return;
    }
    await sleep(50);
  }
  throw new Error(`redis-server did not answer on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

function describeStartFailure(error: unknown, handle: RedisServer): Error {
  const tail = handle.logTail();
  const message = error instanceof Error ? error.message : String(error);
  const full = `${message}\n--- redis-server log ---\n${tail}`;

  return /Address already in use/i.test(tail) ? new PortTakenError(full) : new Error(full);
}

interface HandleInputs {
  server: RedisProcess;
  /** redis-server's arguments, kept to start it again the same way. */
  args: readonly string[];
  dir: string;
  tlsPort: number | undefined;
  plainPort: number | undefined;
  caCertPath: string | undefined;
  adminOptions: RedisOptions;
}

function createHandle(inputs: HandleInputs): RedisServer {
  const { dir, tlsPort, plainPort, adminOptions } = inputs;
  let server = inputs.server;
  let adminClient: Promise<Redis> | undefined;
  let stopping: Promise<void> | undefined;

  const handle: RedisServer = {
    host: "127.0.0.1",
    port: tlsPort ?? plainPort ?? 0,
    tls: tlsPort !== undefined,
    tlsPort,
    plainPort,
    caCertPath: inputs.caCertPath,
    get pid() {
      return server.pid ?? 0;
    },
    dir,

    admin() {
      adminClient ??= connectClient(adminOptions).catch((error: unknown) => {
        // Forget the failure so a later call can try again.
        adminClient = undefined;
        throw error;
      });
      return adminClient;
    },

    probeKeys() {
      return findKeysInEveryDatabase(adminOptions, probeKeyPattern);
    },

    async setUser(name, password, rules) {
      if (name === adminUserName) {
        throw new Error(`ACL user "${adminUserName}" is reserved by the test server`);
      }

      const admin = await handle.admin();
      await admin.call("ACL", "SETUSER", name, ...setUserWords(password, rules));
    },

    logTail(lines = 30) {
      const log = readLogFile(join(dir, "redis.log"));
      const tail = log.split("\n").filter(Boolean).slice(-lines).join("\n");
      return [tail, server.output().trim()].filter(Boolean).join("\n");
    },

    async restart() {
      const client = adminClient;
      adminClient = undefined;
      (await client?.catch(() => undefined))?.disconnect();

      await server.terminate();
      server = spawnRedisProcess(inputs.args, dir);
      await waitUntilServing(server, handle, 10_000);
    },

    stop() {
      stopping ??= (async () => {
        const client = adminClient;
        adminClient = undefined;
        (await client?.catch(() => undefined))?.disconnect();

        await server.terminate();
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
  return handle;
}

function readLogFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    // Not written yet (early config errors) or already removed by stop().
    return "";
  }
}
