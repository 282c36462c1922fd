import { classifyFailure } from "../diagnose/classify.js";
import { docsLink } from "../diagnose/causes.js";
import type { Failure } from "../diagnose/failure.js";
import type { Plan } from "../plan/types.js";
import { dataRoundTrip } from "../probe/commands.js";
import type { ResolvedCredential } from "../probe/credential.js";
import { explainFailure } from "../probe/explain-failure.js";
import { PhaseLog } from "../probe/phase-log.js";
import { openSession, SessionResources } from "../probe/session.js";
import type { ClusterNode } from "./cluster-layout.js";
import { probeKeyFor } from "./probe-key.js";
import { formatRanges } from "./slot-ranges.js";
import type { NodeMap, NodeReport } from "./types.js";

/** A plan aimed at one node: its address, the cache's name for TLS, database 0 (cluster). */
function planForNode(plan: Plan, address: string, port: number): Plan {
  return {
    ...plan,
    target: { ...plan.target, port, database: 0, connectAddress: address },
  };
}

/** A node the client cannot reach is the usual private-endpoint trap; say so by name. */
function unreachable(failure: Failure, node: ClusterNode, mapped: string | null): Failure {
  const where = `${node.address}:${node.port}${mapped ? ` (mapped to ${mapped})` : ""}`;
  return {
    ...failure,
    category: "network",
    cause: "cluster-node-unreachable",
    message: `Cluster node ${where} is unreachable from here: ${failure.message}`,
    hint:
      "Clustered caches announce each shard's IP address; with a private endpoint or a " +
      "firewall those addresses may not be reachable from the app. Check the network path " +
      "to each node, or map an announced address with --node-map ADDRESS:PORT=HOST:PORT.",
    docs: docsLink("cluster-node-unreachable"),
  };
}

/**
 * Probes one node on its own connection, verifying the cache's host name on TLS as a
 * cluster-aware client must (nodes are announced by IP). Primaries get the data round trip
 * on a key of their own slots; replicas, and primaries without slots, a PING.
 */
export async function probeNode(
  plan: Plan,
  node: ClusterNode,
  credential: ResolvedCredential,
  nodeMap: NodeMap,
): Promise<NodeReport> {
  const target = nodeMap.get(`${node.address}:${node.port}`);
  const mapped = target ? `${target.host}:${target.port}` : null;
  const nodePlan = planForNode(plan, target?.host ?? node.address, target?.port ?? node.port);
  const log = new PhaseLog(plan.probe.timeoutMs);
  const held = new SessionResources();
  let failure: Failure | null = null;

  try {
    const session = await openSession(nodePlan, log, {}, held, credential);
    if (node.role === "primary" && node.slots.length > 0) {
      await dataRoundTrip(session.redis, log, nodePlan, probeKeyFor(node.slots));
    } else {
      await log.run("ping", { run: () => session.redis.ping() });
    }
  } catch (error) {
    const seen = { ...nodePlan, auth: { ...nodePlan.auth, username: credential.username } };
    failure = classifyFailure(await explainFailure(nodePlan, log, error, held.address), seen);
    if (log.phases.at(-1)?.name === "tcp") failure = unreachable(failure, node, mapped);
  } finally {
    await held.release(plan.probe.timeoutMs);
  }

  const steps = log.phases.filter((p) => !p.skipped).map(({ name, ok, ms }) => ({ name, ok, ms }));
  return {
    address: node.address,
    port: node.port,
    mappedTo: mapped,
    role: node.role,
    slots: formatRanges(node.slots),
    ok: failure === null,
    ms: Math.round(steps.reduce((total, step) => total + step.ms, 0) * 1000) / 1000,
    steps,
    failure,
  };
}
