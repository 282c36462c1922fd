import type { ClusterOutcome } from "../cluster/types.js";
import type { LatencySummary } from "../latency/stats.js";

/** The steps of a probe, in the order they run. */
export type PhaseName =
  | "dns"
  | "tcp"
  | "tls"
  | "credential"
  | "auth"
  | "select"
  | "cluster"
  | "ping"
  | "set"
  | "get"
  | "del";

/** Facts a phase learned, shown in verbose output and JSON. Never holds a secret. */
export type PhaseDetails = Record<string, string | number | boolean | null | string[]>;

export interface PhaseRecord {
  name: PhaseName;
  ok: boolean;
  /** True when the phase did not need to run (an IP address needs no DNS, say). */
  skipped: boolean;
  ms: number;
  details: PhaseDetails;
}

/**
 * What the probe saw when a phase failed: the raw error for the classifier, plus what the
 * probe found out on the side to tell causes apart (whether a silent TLS port speaks plain
 * Redis, for instance).
 */
export interface PhaseFailure {
  phase: PhaseName;
  error: unknown;
  evidence: FailureEvidence;
}

export interface FailureEvidence {
  /** After a failed TLS handshake: did the same port answer a plain-text PING? */
  plainTextRedis?: boolean;
  /** After a failed TLS handshake: did the port say anything at all to plain text? */
  plainTextSilent?: boolean;
  /** After a plain-text connection was dropped: does the port complete a TLS handshake? */
  tlsOnPort?: boolean;
  /** After OOM: the server's maxmemory-policy, when the user may read it. */
  maxmemoryPolicy?: string;
}

export interface ProbeOutcome {
  /** Set when the cache was probed as a cluster: every node's result and the verdict. */
  cluster: ClusterOutcome | null;
  /** Round-trip figures of the PINGs sampled after a passing probe, when asked for. */
  latency: LatencySummary | null;
  phases: PhaseRecord[];
  failure: PhaseFailure | null;
  /** The Redis username actually sent with AUTH, or null for the default user. */
  username: string | null;
  warnings: string[];
}
