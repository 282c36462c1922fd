import type { Redis } from "ioredis";

import { docsLink } from "../diagnose/causes.js";
import type { Failure } from "../diagnose/failure.js";
import type { Plan } from "../plan/types.js";
import type { ResolvedCredential } from "../probe/credential.js";
import { parseClusterSlots, type ClusterNode } from "./cluster-layout.js";
import { probeNode } from "./node-probe.js";
import { formatRanges, uncoveredRanges } from "./slot-ranges.js";
import type { ClusterDetection, ClusterOutcome, NodeMap } from "./types.js";

function uncoveredFailure(uncovered: string[]): Failure {
  return {
    phase: "cluster",
    category: "network",
    cause: "cluster-slots-uncovered",
    message: `Cluster: no primary serves hash slots ${uncovered.join(", ")}.`,
    hint:
      "Keys in those slots cannot be read or written: a shard is down or failing over. " +
      "Check the cache's health and shard status in the portal; retry after a failover.",
    docs: docsLink("cluster-slots-uncovered"),
    detail: null,
  };
}

/** The cluster's layout as the connected node announces it (CLUSTER SLOTS). */
export async function readClusterLayout(seed: Redis): Promise<ClusterNode[]> {
  return parseClusterSlots(await seed.call("CLUSTER", "SLOTS"));
}

/**
 * The cluster probe: every node of the layout on a connection of its own, primaries with a
 * key of their own slots. Nodes are probed one after another so each timing stands alone.
 */
export async function runClusterProbe(
  plan: Plan,
  layout: readonly ClusterNode[],
  credential: ResolvedCredential,
  detectedBy: ClusterDetection,
  nodeMap: NodeMap,
): Promise<ClusterOutcome> {
  const primaries = layout.filter((node) => node.role === "primary");
  const uncovered = formatRanges(uncoveredRanges(primaries.flatMap((node) => node.slots)));

  const nodes = [];
  for (const node of layout) nodes.push(await probeNode(plan, node, credential, nodeMap));

  const failedPrimary = nodes.find((node) => node.role === "primary" && !node.ok);
  const warnings = nodes
    .filter((node) => node.role === "replica" && !node.ok)
    .map(
      (node) =>
        `Replica ${node.address}:${node.port} did not answer PING: ${node.failure?.message}`,
    );
  const failure =
    failedPrimary?.failure ?? (uncovered.length > 0 ? uncoveredFailure(uncovered) : null);

  return { detectedBy, uncoveredSlots: uncovered, nodes, failure, warnings };
}
