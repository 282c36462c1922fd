import { setTimeout as sleep } from "node:timers/promises";

import type { Redis } from "ioredis";

/** The total number of hash slots in a Redis Cluster. */
export const hashSlotCount = 16_384;

/** One line of `CLUSTER NODES`, as far as the harness needs it. */
export interface ClusterNodesEntry {
  id: string;
  port: number;
  flags: readonly string[];
  /** The primary's id for a replica, undefined for a primary. */
  primaryId: string | undefined;
  /** Inclusive slot ranges this node serves (primaries only). */
  slots: [number, number][];
}

/**
 * Parses `CLUSTER NODES` output. Slot tokens in brackets describe slots being migrated and
 * are left out; the test cluster never migrates.
 */
export function parseClusterNodes(text: string): ClusterNodesEntry[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [id = "", address = "", flags = "", primary = "-", ...rest] = line.split(" ");
      const port = Number(/:(\d+)@/u.exec(address)?.[1]);
      const slots = rest
        .slice(4)
        .filter((token) => !token.startsWith("["))
        .map((token): [number, number] => {
          const [start, end = start] = token.split("-").map(Number);
          return [start ?? 0, end ?? 0];
        });
      return {
        id,
        port,
        flags: flags.split(","),
        primaryId: primary === "-" ? undefined : primary,
        slots,
      };
    });
}

export interface ClusterExpectation {
  nodeCount: number;
  replicaCount: number;
}

/**
 * Waits until every node reports `cluster_state:ok` with all 16384 slots assigned, knows every
 * other node with nothing failing or still handshaking, lists every replica in CLUSTER SLOTS,
 * and every replica's link to its primary is up. Rejects with the last thing that was wrong once `timeoutMs` has passed.
 */
export async function waitForClusterReady(
  clients: readonly Redis[],
  expected: ClusterExpectation,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let problem = "not checked yet";

  while (Date.now() < deadline) {
    problem = (await firstProblem(clients, expected)) ?? "";
    if (problem === "") {
      return;
    }
    await sleep(100);
  }
  throw new Error(`the cluster was not ready within ${timeoutMs} ms: ${problem}`);
}

async function firstProblem(
  clients: readonly Redis[],
  expected: ClusterExpectation,
): Promise<string | undefined> {
  for (const client of clients) {
    const where = `node ${client.options.port}`;
    const info = String(await client.call("CLUSTER", "INFO"));
    if (!info.includes("cluster_state:ok")) {
      return `${where} says the cluster is not ok`;
    }
    if (!info.includes(`cluster_slots_assigned:${hashSlotCount}`)) {
      return `${where} does not see every slot assigned`;
    }

    const nodes = parseClusterNodes(String(await client.call("CLUSTER", "NODES")));
    if (nodes.length !== expected.nodeCount) {
      return `${where} knows ${nodes.length} of ${expected.nodeCount} nodes`;
    }
    const unsettled = nodes.find((node) =>
      node.flags.some((flag) => ["fail", "fail?", "handshake", "noaddr"].includes(flag)),
    );
    if (unsettled !== undefined) {
      return `${where} sees ${unsettled.port} as ${unsettled.flags.join(",")}`;
    }
    const replicas = nodes.filter((node) => node.primaryId !== undefined).length;
    if (replicas !== expected.replicaCount) {
      return `${where} sees ${replicas} of ${expected.replicaCount} replicas`;
    }

    // Clients learn the layout from CLUSTER SLOTS, which leaves out a replica until gossip
    // reports that it has replicated something; CLUSTER NODES lists it long before.
    const listed = countSlotsReplicas(await client.call("CLUSTER", "SLOTS"));
    if (listed !== expected.replicaCount) {
      return `${where} lists ${listed} of ${expected.replicaCount} replicas in CLUSTER SLOTS`;
    }

    const self = nodes.find((node) => node.flags.includes("myself"));
    if (self?.primaryId !== undefined) {
      const replication = String(await client.call("INFO", "replication"));
      if (!replication.includes("master_link_status:up")) {
        return `${where} has not synchronised with its primary yet`;
      }
    }
  }
  return undefined;
}

/** Replicas in a CLUSTER SLOTS reply: each range lists its primary, then its replicas. */
function countSlotsReplicas(reply: unknown): number {
  if (!Array.isArray(reply)) {
    return 0;
  }
  return reply.reduce(
    (total: number, range: unknown) =>
      total + (Array.isArray(range) ? Math.max(range.length - 3, 0) : 0),
    0,
  );
}

/**
 * Waits until every given node lists the node `id` under `port`, as gossip spreads a changed
 * announcement (about half the node timeout). Rejects once `timeoutMs` has passed.
 */
export async function waitForAnnouncedPort(
  clients: readonly Redis[],
  id: string,
  port: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    const views = await Promise.all(
      clients.map(async (client) =>
        parseClusterNodes(String(await client.call("CLUSTER", "NODES"))),
      ),
    );
    if (views.every((nodes) => nodes.some((node) => node.id === id && node.port === port))) {
      return;
    }
    await sleep(100);
  }
  throw new Error(`node ${id} was not announced on port ${port} within ${timeoutMs} ms`);
}
