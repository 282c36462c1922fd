import type { SlotRange } from "./slot-ranges.js";

export type NodeRole = "primary" | "replica";

/** A node as the cluster announces it, with the slots it serves as a primary. */
export interface ClusterNode {
  address: string;
  port: number;
  role: NodeRole;
  slots: SlotRange[];
}

function asEndpoint(entry: unknown): { address: string; port: number } | undefined {
  if (!Array.isArray(entry)) return undefined;

  const [address, port] = entry as unknown[];
  if (typeof address !== "string" || typeof port !== "number") return undefined;
  return { address, port };
}

/**
 * Reads a CLUSTER SLOTS reply: one entry per slot range, its primary first, then replicas.
 * A node that serves several ranges appears once with all of them. Entries it cannot read
 * are skipped rather than failing the probe: the slots they held show up as uncovered.
 */
export function parseClusterSlots(reply: unknown): ClusterNode[] {
  const nodes = new Map<string, ClusterNode>();
  if (!Array.isArray(reply)) return [];

  for (const entry of reply as unknown[]) {
    if (!Array.isArray(entry)) continue;
    const [start, end, ...endpoints] = entry as unknown[];
    if (typeof start !== "number" || typeof end !== "number") continue;

    endpoints.forEach((raw, index) => {
      const endpoint = asEndpoint(raw);
      if (!endpoint) return;

      const key = `${endpoint.address}:${endpoint.port}`;
      const role: NodeRole = index === 0 ? "primary" : "replica";
      const node = nodes.get(key) ?? { ...endpoint, role, slots: [] };
      if (role === "primary") node.slots.push([start, end]);
      nodes.set(key, node);
    });
  }
  return [...nodes.values()].sort((a, b) =>
    a.role === b.role ? a.port - b.port : a.role === "primary" ? -1 : 1,
  );
}
