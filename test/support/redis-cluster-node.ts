import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import type { RedisOptions } from "ioredis";

import { freePort } from "./free-port.js";
import { adminUserName } from "./redis-admin.js";
import { connectClient } from "./redis-client.js";
import { renderClusterNodeConfig } from "./redis-cluster-config.js";
import type { ClusterNodeConfigSettings } from "./redis-cluster-config.js";
import { spawnRedisProcess } from "./redis-process.js";
import type { RedisProcess } from "./redis-process.js";
import { answersPing } from "./redis-readiness.js";

/** What a node needs besides its own ports and folder. */
export type ClusterNodeSettings = Omit<ClusterNodeConfigSettings, "dir" | "tlsPort" | "busPort"> & {
  /** The name clients put in SNI and check the certificate against. */
  serverName: string;
  startTimeoutMs: number;
};

/** One running `redis-server` in cluster mode, before it has joined a cluster. */
export interface ClusterNodeProcess {
  readonly port: number;
  readonly busPort: number;
  readonly dir: string;
  readonly process: RedisProcess;
  /** How the harness logs in to this node as `admin`, verifying the cache's name. */
  readonly adminOptions: RedisOptions;
  logTail(lines?: number): string;
  /** SIGKILL, as a crashed or unreachable node; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Stops the node and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const startAttempts = 5;
const killWaitMs = 5_000;

/** Raised when a port picked for the node was taken before it could bind. */
class PortTakenError extends Error {
  override name = "PortTakenError";
}

/**
 * Starts one cluster-enabled node on two fresh loopback ports (TLS and bus) in its own
 * temporary folder, and resolves once the harness can log in to it as `admin`.
 */
export async function startClusterNode(settings: ClusterNodeSettings): Promise<ClusterNodeProcess> {
  // A port is only free when checked, so another process may take it first: try again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await launch(settings);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= startAttempts) {
        throw error;
      }
    }
  }
}

async function launch(settings: ClusterNodeSettings): Promise<ClusterNodeProcess> {
  const dir = mkdtempSync(join(tmpdir(), "rcc-cluster-node-"));
  const [port, busPort] = await twoFreePorts();
  writeFileSync(
    join(dir, "redis.conf"),
    renderClusterNodeConfig({ ...settings, dir, tlsPort: port, busPort }),
    { mode: 0o600 },
  );

  const node = createNode(port, busPort, dir, settings);
  try {
    await waitUntilServing(node, settings.startTimeoutMs);

    // Logging in as our own admin, with the name checked, proves that this node answered and
    // that its certificate is the one clients will see.
    const check = await connectClient(node.adminOptions);
    check.disconnect();
  } catch (error) {
    const tail = node.logTail();
    await node.stop();
    const message = `${error instanceof Error ? error.message : String(error)}\n--- node log ---\n${tail}`;
    throw /Address already in use/i.test(tail) ? new PortTakenError(message) : new Error(message);
  }
  return node;
}

async function twoFreePorts(): Promise<[number, number]> {
  const first = await freePort();
  let second = await freePort();
  while (second === first) {
    second = await freePort();
  }
  return [first, second];
}

function createNode(
  port: number,
  busPort: number,
  dir: string,
  settings: ClusterNodeSettings,
): ClusterNodeProcess {
  const server = spawnRedisProcess(["redis.conf"], dir);
  let stopping: Promise<void> | undefined;

  return {
    port,
    busPort,
    dir,
    process: server,
    adminOptions: {
      port,
      username: adminUserName,
      password: settings.adminPassword,
      tls: { ca: [readFileSync(settings.caCertPath, "utf8")], servername: settings.serverName },
    },
    logTail(lines = 30) {
      const log = readLog(join(dir, "redis.log"));
      const tail = log.split("\n").filter(Boolean).slice(-lines).join("\n");
      return [tail, server.output().trim()].filter(Boolean).join("\n");
    },
    async kill() {
      if (server.pid === undefined || server.hasExited()) {
        return;
      }
      process.kill(server.pid, "SIGKILL");
      const deadline = Date.now() + killWaitMs;
      while (!server.hasExited()) {
        if (Date.now() > deadline) {
          throw new Error(`node on port ${port} survived SIGKILL for ${killWaitMs} ms`);
        }
        await sleep(20);
      }
    },
    stop() {
      stopping ??= server.terminate().finally(() => rmSync(dir, { recursive: true, force: true }));
      return stopping;
    },
  };
}

async function waitUntilServing(node: ClusterNodeProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    if (node.process.hasExited()) {
      throw new Error(`redis-server ended before it was ready (${node.process.exitStatus()})`);
    }
    if (await answersPing(node.port, true)) {
      return;
    }
    await sleep(50);
  }
  throw new Error(`cluster node did not answer on 127.0.0.1:${node.port} within ${timeoutMs} ms`);
}

function readLog(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    // Not written yet, or already removed by stop().
    return "";
  }
}
