import type { Redis } from "ioredis";

import { withDeadline } from "../probe/deadline.js";

/**
 * Asks the connected node whether it is part of a cluster. CLUSTER INFO is allowed by every
 * Azure data access policy; a refusal or an error just means "not known to be a cluster",
 * and the MOVED reply of the data round trip remains as a second way to find out.
 */
export async function isClustered(redis: Redis, timeoutMs: number): Promise<boolean> {
  try {
    const info = await withDeadline("cluster-info", timeoutMs, () => redis.call("CLUSTER", "INFO"));
    return typeof info === "string" && /cluster_enabled:1|cluster_state:/.test(info);
  } catch {
    return false;
  }
}
