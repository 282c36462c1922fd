import type { Redis } from "ioredis";

import { adminUserName, scanAll, setUserWords } from "./redis-admin.js";
import { connectClient } from "./redis-client.js";
import type { ClusterNode, RedisCluster } from "./redis-cluster.js";
import type { ClusterNodeProcess } from "./redis-cluster-node.js";
import { parseClusterNodes, waitForAnnouncedPort } from "./redis-cluster-topology.js";
import { probeKeyPattern } from "./redis-server.js";

/** The handle, plus the step that fills in `nodes` and `seed` once the cluster is ready. */
export type HandleUnderConstruction = RedisCluster & { describe(): Promise<void> };

/**
 * The handle over started nodes. `nodes` and `seed` stay empty until `describe()` has read the
 * layout, which the caller does once the cluster is ready.
 */
export function createClusterHandle(
  processes: readonly ClusterNodeProcess[],
  serverName: string,
  caCertPath: string,
): HandleUnderConstruction {
  const byPort = new Map(processes.map((node) => [node.port, node]));
  const admins = new Map<number, Promise<Redis>>();
  const killed = new Set<number>();
  let nodes: ClusterNode[] = [];
  let stopping: Promise<void> | undefined;

  const nodeAt = (port: number): ClusterNodeProcess => {
    const node = byPort.get(port);
    if (node === undefined) {
      throw new Error(`no node of this cluster listens on port ${port}`);
    }
    return node;
  };
  const livePorts = (): number[] => processes.map((n) => n.port).filter((p) => !killed.has(p));
  const dropAdmin = async (port: number): Promise<void> => {
    const client = admins.get(port);
    admins.delete(port);
    (await client?.catch(() => undefined))?.disconnect();
  };

  const handle: HandleUnderConstruction = {
    get nodes() {
      return nodes;
    },
    get seed() {
      return { host: "127.0.0.1" as const, port: nodes[0]?.port ?? 0 };
    },
    caCertPath,
    serverName,

    admin(port) {
      let client = admins.get(port);
      if (client === undefined) {
        client = connectClient(nodeAt(port).adminOptions);
        // Forget a failed attempt so a later call can try again.
        client.catch(() => admins.delete(port));
        admins.set(port, client);
      }
      return client;
    },

    async probeKeys() {
      const found = new Set<string>();
      for (const port of livePorts()) {
        // A cluster node has database 0 only, so one SCAN per node sees all it holds.
        for (const key of await scanAll(await handle.admin(port), probeKeyPattern)) {
          found.add(key);
        }
      }
      return [...found].sort();
    },

    async setUser(name, password, rules) {
      if (name === adminUserName) {
        throw new Error(`ACL user "${adminUserName}" is reserved by the test cluster`);
      }
      const words = setUserWords(password, rules);
      await Promise.all(
        livePorts().map(async (port) => {
          await (await handle.admin(port)).call("ACL", "SETUSER", name, ...words);
        }),
      );
    },

    async announce(port, announcedPort) {
      const id = nodes.find((node) => node.port === port)?.id;
      if (id === undefined) {
        throw new Error(`no node of this cluster listens on port ${port}`);
      }
      const admin = await handle.admin(port);
      await admin.call("CONFIG", "SET", "cluster-announce-tls-port", String(announcedPort));
      const clients = await Promise.all(livePorts().map((live) => handle.admin(live)));
      await waitForAnnouncedPort(clients, id, announcedPort, 10_000);
    },

    async kill(port) {
      const node = nodeAt(port);
      killed.add(port);
      await dropAdmin(port);
      await node.kill();
    },

    logTail(port, lines) {
      return nodeAt(port).logTail(lines);
    },

    stop() {
      stopping ??= (async () => {
        await Promise.all([...admins.keys()].map(dropAdmin));
        await Promise.all(processes.map((node) => node.stop()));
      })();
      return stopping;
    },

    async describe() {
      const first = processes[0];
      if (first === undefined) {
        throw new Error("the cluster has no nodes");
      }
      const reply = await (await handle.admin(first.port)).call("CLUSTER", "NODES");
      nodes = describeNodes(String(reply), byPort);
    },
  };
  return handle;
}

function describeNodes(
  clusterNodes: string,
  byPort: ReadonlyMap<number, ClusterNodeProcess>,
): ClusterNode[] {
  const entries = parseClusterNodes(clusterNodes);
  const portOf = new Map(entries.map((entry) => [entry.id, entry.port]));

  const described = entries.map((entry): ClusterNode => ({
    id: entry.id,
    port: entry.port,
    pid: byPort.get(entry.port)?.process.pid ?? 0,
    role: entry.primaryId === undefined ? "primary" : "replica",
    slots: [...entry.slots].sort((a, b) => a[0] - b[0]),
    primaryPort: entry.primaryId === undefined ? undefined : portOf.get(entry.primaryId),
  }));

  // Primaries in slot order, then replicas in the order of their primaries, so `nodes[0]` is
  // always the primary for slot 0 and the listing reads the same on every run.
  const primaries = described
    .filter((node) => node.role === "primary")
    .sort((a, b) => (a.slots[0]?.[0] ?? 0) - (b.slots[0]?.[0] ?? 0));
  const order = primaries.map((node) => node.port);
  const replicas = described
    .filter((node) => node.role === "replica")
    .sort((a, b) => order.indexOf(a.primaryPort ?? 0) - order.indexOf(b.primaryPort ?? 0));
  return [...primaries, ...replicas];
}
