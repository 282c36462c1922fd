import type { Failure } from "../diagnose/failure.js";
import type { NodeRole } from "./cluster-layout.js";

/** One node's part of a cluster probe, as the report shows it. */
export interface NodeReport {
  address: string;
  port: number;
  /** Where the probe actually connected, when --node-map moved it. */
  mappedTo: string | null;
  role: NodeRole;
  slots: string[];
  ok: boolean;
  ms: number;
  steps: { name: string; ok: boolean; ms: number }[];
  failure: Failure | null;
}

export type ClusterDetection = "cluster-info" | "moved" | "forced";

export interface ClusterOutcome {
  detectedBy: ClusterDetection;
  uncoveredSlots: string[];
  nodes: NodeReport[];
  /** The first primary that failed, else the uncovered slots; null when all is well. */
  failure: Failure | null;
  warnings: string[];
}

/** How to treat clustering: find out (default), insist, or never. */
export type ClusterMode = "auto" | "force" | "off";

/** `--node-map`: an announced `address:port` and where to connect instead. */
export type NodeMap = ReadonlyMap<string, { host: string; port: number }>;
