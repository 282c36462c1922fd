import type { RedisCluster } from "./redis-cluster.js";

const maxCandidates = 1_000;

/**
 * A key of the form `prefix{n}` whose hash slot the primary on `port` serves. The server
 * computes the slot (CLUSTER KEYSLOT), so the test never relies on its own CRC16.
 */
export async function keyServedBy(
  cluster: RedisCluster,
  port: number,
  prefix: string,
): Promise<string> {
  const node = cluster.nodes.find((candidate) => candidate.port === port);
  if (node === undefined || node.role !== "primary") {
    throw new Error(`port ${port} is not a primary of this cluster`);
  }

  const admin = await cluster.admin(port);
  for (let n = 0; n < maxCandidates; n += 1) {
    const key = `${prefix}{${n}}`;
    const slot = Number(await admin.call("CLUSTER", "KEYSLOT", key));
    if (node.slots.some(([start, end]) => slot >= start && slot <= end)) {
      return key;
    }
  }
  throw new Error(`no key among ${maxCandidates} candidates lands on port ${port}`);
}
