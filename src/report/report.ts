import { EXIT_CODES } from "../diagnose/categories.js";
import type { ClusterDetection, ClusterOutcome, NodeReport } from "../cluster/types.js";
import type { Failure } from "../diagnose/failure.js";
import type { LatencySummary } from "../latency/stats.js";
import type { AuthMethod, Plan } from "../plan/types.js";
import type { PhaseRecord } from "../probe/types.js";

/**
 * The result of a run as plain data: the JSON output is exactly this object, and the human
 * output is a view of it. The exit code is decided here and nowhere else.
 */
export interface Report {
  tool: { name: string; version: string };
  ok: boolean;
  exitCode: number;
  connection: string | null;
  auth: { method: AuthMethod; username: string | null } | null;
  target: {
    host: string;
    port: number;
    tls: boolean;
    database: number;
    address: string | null;
  } | null;
  phases: PhaseRecord[];
  failure: Failure | null;
  warnings: string[];
  totalMs: number;
  /** The phase that took longest: where to look when a run is slow. */
  slowestPhase: { name: string; ms: number } | null;
  /** PING round trips on the warm connection, with --count; as redis-cli --latency, plus more. */
  latency: LatencySummary | null;
  /** For a clustered cache: how it was recognised, and the slots no primary serves. */
  cluster: { detectedBy: ClusterDetection; uncoveredSlots: string[] } | null;
  /** For a clustered cache: every node's result; null for a single node. */
  nodes: NodeReport[] | null;
}

export interface ReportInput {
  version: string;
  plan: Plan | null;
  phases: PhaseRecord[];
  username: string | null;
  failure: Failure | null;
  warnings: string[];
  totalMs: number;
  latency?: LatencySummary | null;
  cluster?: ClusterOutcome | null;
}

export function exitCodeFor(failure: Failure | null): number {
  return failure ? EXIT_CODES[failure.category] : 0;
}

export function buildReport(input: ReportInput): Report {
  const { plan, failure } = input;

  return {
    tool: { name: "redis-connector-check", version: input.version },
    ok: failure === null,
    exitCode: exitCodeFor(failure),
    connection: plan?.connection ?? null,
    auth: plan ? { method: plan.auth.method, username: input.username } : null,
    target: plan
      ? {
          host: plan.target.host,
          port: plan.target.port,
          tls: plan.target.tls,
          database: plan.target.database,
          address: plan.target.connectAddress ?? null,
        }
      : null,
    phases: input.phases,
    failure,
    warnings: input.warnings,
    totalMs: input.totalMs,
    slowestPhase: slowestOf(input.phases),
    latency: input.latency ?? null,
    cluster: input.cluster
      ? { detectedBy: input.cluster.detectedBy, uncoveredSlots: input.cluster.uncoveredSlots }
      : null,
    nodes: input.cluster?.nodes ?? null,
  };
}

function slowestOf(phases: readonly PhaseRecord[]): Report["slowestPhase"] {
  const ran = phases.filter((phase) => !phase.skipped);
  if (ran.length === 0) return null;

  const slowest = ran.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { name: slowest.name, ms: slowest.ms };
}
