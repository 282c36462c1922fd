import type { Failure } from "../diagnose/failure.js";
import type { LatencySummary } from "../latency/stats.js";
import type { PhaseRecord } from "../probe/types.js";

/** One probe of the watch: a data round trip, preceded by a reconnect when the link was down. */
export interface ProbeEvent {
  type: "probe";
  at: string;
  seq: number;
  ok: boolean;
  ms: number;
  /** True when this probe had to open a new connection after a loss. */
  reconnected: boolean;
  phases: PhaseRecord[];
  failure: Failure | null;
}

/** A token refresh attempt, and the AUTH that put the new token on the live connection. */
export interface RefreshEvent {
  type: "refresh";
  at: string;
  ok: boolean;
  /** False when the token source handed back the token already in use. */
  renewed: boolean;
  expiresOn: string | null;
  /** Milliseconds the AUTH on the live connection took; null when no connection was up. */
  reauthMs: number | null;
  error: string | null;
  nextInMs: number | null;
}

/** A period without a working connection, reported when it ends. */
export interface OutageEvent {
  type: "outage";
  at: string;
  startedAt: string;
  ms: number;
  cause: string;
}

export interface WatchSummary {
  type: "summary";
  at: string;
  durationMs: number;
  probes: number;
  failures: number;
  refreshes: number;
  refreshFailures: number;
  reconnects: number;
  outages: number;
  outageMs: number;
  /** PING round trips of every passing probe. */
  latency: LatencySummary;
  /** The first failure's category decides it, since that is where trouble started. */
  exitCode: number;
  firstFailure: Failure | null;
}

export type WatchEvent = ProbeEvent | RefreshEvent | OutageEvent | WatchSummary;
