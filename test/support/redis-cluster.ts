import { randomBytes, randomUUID } from "node:crypto";

import type { Redis } from "ioredis";

import { adminUserName } from "./redis-admin.js";
import { createClusterWithRedisCli } from "./redis-cluster-create.js";
import { createClusterHandle } from "./redis-cluster-handle.js";
import { startClusterNode } from "./redis-cluster-node.js";
import { waitForClusterReady } from "./redis-cluster-topology.js";
import type { AclUser } from "./redis-config.js";
import { cacheHostName } from "./redis-server.js";
import type { TestCa } from "./test-ca.js";

export { cacheHostName } from "./redis-server.js";

export interface RedisClusterOptions {
  /** Issues the one certificate every node serves. */
  ca: TestCa;
  /** Password of the `default` user on every node, as an Azure access key. */
  accessKey: string;
  /** How many primaries share the slots; redis-cli insists on at least 3. */
  primaries: number;
  /** Replicas per primary. Default 0. */
  replicas?: 0 | 1;
  /** ACL users created on every node, standing in for access policies. */
  users?: readonly AclUser[];
  /**
   * DNS names on the certificate; the first is what the harness verifies. Default: only the
   * cache's host name. No IP address is ever added: Azure's clustered caches announce IPs,
   * and a client must still check the cache's name, which this makes impossible to skip.
   */
  serverNames?: string[];
  /** `cluster-node-timeout`. Default 3000 ms: quick to notice a dead node, not flaky. */
  nodeTimeoutMs?: number;
  /** Bound on the whole start, nodes and cluster creation together. Default 30 000 ms. */
  startTimeoutMs?: number;
}

/** A node of the cluster as it was when the cluster came up. */
export interface ClusterNode {
  id: string;
  port: number;
  pid: number;
  role: "primary" | "replica";
  /** Inclusive slot ranges the node serves; empty for a replica. */
  slots: [number, number][];
  /** For a replica, the port of its primary. */
  primaryPort: number | undefined;
}

/** A running TLS Redis Cluster on 127.0.0.1. */
export interface RedisCluster {
  /** Every node, primaries first, in slot order; a snapshot taken when the cluster was ready. */
  readonly nodes: readonly ClusterNode[];
  /** Where a client starts: the primary that serves slot 0. */
  readonly seed: { host: "127.0.0.1"; port: number };
  readonly caCertPath: string;
  /** The name on the certificate, which clients must send as servername. */
  readonly serverName: string;
  /**
   * The harness's `admin` client to the node on `port` (TLS verifying the cache's name,
   * RESP2, no retries), created once per node and reused.
   */
  admin(port: number): Promise<Redis>;
  /** Every key matching `redis-connector-check:*` on any live node, sorted and deduplicated. */
  probeKeys(): Promise<string[]>;
  /**
   * Creates or replaces an ACL user on every live node, since ACLs are per node in a cluster.
   * Without `rules`, only the password is replaced (see `RedisServer.setUser`).
   */
  setUser(name: string, password: string, rules?: readonly string[]): Promise<void>;
  /**
   * Makes the node on `port` announce `announcedPort` to clients instead (CLUSTER SLOTS,
   * CLUSTER NODES, MOVED), as an Azure node announces an address the client may not reach,
   * and resolves once every live node has heard. The node still listens on `port`, which
   * `nodes` keeps listing; `announce(port, port)` restores the announcement.
   */
  announce(port: number, announcedPort: number): Promise<void>;
  /** SIGKILLs the node on `port`; afterwards it refuses connections. */
  kill(port: number): Promise<void>;
  /** The last log lines of the node on `port`, for failure messages. */
  logTail(port: number, lines?: number): string;
  /** Stops every node and removes their folders. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `primaries × (1 + replicas)` real `redis-server` nodes on loopback, TLS only, joins
 * them with `redis-cli --cluster create` and resolves once every node agrees the cluster is
 * ok. Call `stop()` in `afterAll`; nodes are also killed if the test process ends first.
 */
export async function startRedisCluster(options: RedisClusterOptions): Promise<RedisCluster> {
  checkOptions(options);

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  const serverNames = options.serverNames ?? [cacheHostName];
  const serverName = serverNames[0] ?? cacheHostName;
  const cert = options.ca.issue(`redis-cluster-${randomUUID().slice(0, 8)}`, {
    dnsNames: serverNames,
  });
  const settings = {
    certPath: cert.certPath,
    keyPath: cert.keyPath,
    caCertPath: options.ca.certPath,
    accessKey: options.accessKey,
    adminPassword: randomBytes(24).toString("base64url"),
    users: options.users ?? [],
    nodeTimeoutMs: options.nodeTimeoutMs ?? 3_000,
    serverName,
    startTimeoutMs: 10_000,
  };
  const replicas = options.replicas ?? 0;
  const count = options.primaries * (1 + replicas);

  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startClusterNode(settings)),
  );
  const processes = started.flatMap((result) =>
    result.status === "fulfilled" ? [result.value] : [],
  );
  const handle = createClusterHandle(processes, serverName, options.ca.certPath);

  try {
    const failed = started.find((result) => result.status === "rejected");
    if (failed !== undefined) {
      throw failed.reason;
    }

    await createClusterWithRedisCli({
      ports: processes.map((node) => node.port),
      replicas,
      caCertPath: options.ca.certPath,
      serverName,
      adminPassword: settings.adminPassword,
      timeoutMs: Math.max(deadline - Date.now(), 1_000),
    });
    const clients = await Promise.all(processes.map((node) => handle.admin(node.port)));
    await waitForClusterReady(
      clients,
      { nodeCount: count, replicaCount: options.primaries * replicas },
      Math.max(deadline - Date.now(), 1_000),
    );
    await handle.describe();
  } catch (error) {
    const logs = processes.map((node) => `--- node ${node.port} ---\n${node.logTail(10)}`);
    await handle.stop();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n${logs.join("\n")}`);
  }
  return handle;
}

function checkOptions(options: RedisClusterOptions): void {
  if (!Number.isInteger(options.primaries) || options.primaries < 3) {
    throw new Error("redis-cli --cluster create needs at least 3 primaries");
  }
  for (const user of options.users ?? []) {
    if (user.name === adminUserName || user.name === "default") {
      throw new Error(`ACL user "${user.name}" is reserved by the test cluster`);
    }
  }
}
