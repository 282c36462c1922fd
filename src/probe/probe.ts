import { samplePings } from "../latency/sampler.js";
import { summarise, type LatencySummary } from "../latency/stats.js";
import { isClustered } from "../cluster/detect.js";
import type { ClusterDetection, ClusterMode, ClusterOutcome, NodeMap } from "../cluster/types.js";
import type { Plan } from "../plan/types.js";
import { dataRoundTrip } from "./commands.js";
import { explainFailure } from "./explain-failure.js";
import { PhaseFailed, PhaseLog } from "./phase-log.js";
import {
  openSession,
  SessionResources,
  type Session,
  type SessionDependencies,
} from "./session.js";
import type { PhaseName, ProbeOutcome } from "./types.js";

export interface ProbeDependencies extends SessionDependencies {
  onPhaseStart?: (name: PhaseName) => void;
  /** PINGs to time on the warm connection once every phase passed; none when absent. */
  latency?: { count: number; intervalMs: number };
  /** Whether to look for a cluster (default), insist on one, or never; and --node-map. */
  cluster?: { mode: ClusterMode; nodeMap: NodeMap };
}

/**
 * Runs every phase against the plan's target on one connection and reports what happened.
 * It never throws: any failure, expected or not, ends up in `outcome.failure` for the
 * classifier, and every socket it opened is closed before it returns. Each phase has its own
 * deadline, so the whole run is bounded by the number of phases times `--timeout`.
 */
export async function runProbe(plan: Plan, deps: ProbeDependencies = {}): Promise<ProbeOutcome> {
  const log = new PhaseLog(plan.probe.timeoutMs, deps.onPhaseStart);
  const held = new SessionResources();
  // The username Redis saw: the key's user, or the token's oid once the credential phase ran.
  const username = (): string | null => held.credential?.username ?? plan.auth.username;

  try {
    const session = await openSession(plan, log, deps, held);
    const result = (cluster: ClusterOutcome | null, latency: LatencySummary | null) => ({
      phases: log.phases,
      failure: null,
      username: username(),
      warnings: [...held.warnings, ...(cluster?.warnings ?? [])],
      latency,
      cluster,
    });

    const clustering = deps.cluster ?? { mode: "auto", nodeMap: new Map() };
    const detected = await detection(session, plan, clustering.mode);
    if (detected) {
      return result(await clusterProbe(plan, log, session, detected, clustering.nodeMap), null);
    }

    try {
      await dataRoundTrip(session.redis, log, plan);
    } catch (error) {
      // A MOVED reply is the other sign of a cluster: probe it as one, unless told not to.
      if (clustering.mode === "off" || !isMoved(error)) throw error;
      const cluster = await clusterProbe(plan, log, session, "moved", clustering.nodeMap).catch(
        () => undefined,
      );
      // Without a readable layout, the MOVED reply itself is the best account there is.
      if (!cluster) throw error;
      return result(cluster, null);
    }
    const latency = deps.latency ? await sampleLatency(session, plan, deps.latency) : null;
    return result(null, latency);
  } catch (error) {
    const failure = await explainFailure(plan, log, error, held.address);
    return {
      phases: log.phases,
      failure,
      username: username(),
      warnings: held.warnings,
      latency: null,
      cluster: null,
    };
  } finally {
    await held.release(plan.probe.timeoutMs);
  }
}

async function sampleLatency(
  session: Session,
  plan: Plan,
  options: { count: number; intervalMs: number },
): Promise<LatencySummary> {
  const samples = await samplePings(session.redis, { ...options, timeoutMs: plan.probe.timeoutMs });
  return summarise(samples.samplesMs, samples.errors);
}

async function detection(
  session: Session,
  plan: Plan,
  mode: ClusterMode,
): Promise<ClusterDetection | null> {
  if (mode === "off") return null;
  if (mode === "force") return "forced";

  return (await isClustered(session.redis, plan.probe.timeoutMs)) ? "cluster-info" : null;
}

function isMoved(error: unknown): boolean {
  const original = error instanceof PhaseFailed ? error.original : error;
  return original instanceof Error && /^(MOVED|ASK) /.test(original.message);
}

/** The cluster phase reads the layout; then every node is probed on its own connection. */
async function clusterProbe(
  plan: Plan,
  log: PhaseLog,
  session: Session,
  detectedBy: ClusterDetection,
  nodeMap: NodeMap,
): Promise<ClusterOutcome> {
  // Imported only for clustered caches: most runs never need it.
  const { readClusterLayout, runClusterProbe } = await import("../cluster/cluster-probe.js");

  const layout = await log.run("cluster", {
    run: () => readClusterLayout(session.redis),
    describe: (nodes) => ({ detectedBy, nodes: nodes.length }),
  });
  return runClusterProbe(plan, layout, session.credential, detectedBy, nodeMap);
}
