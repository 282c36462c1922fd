import type { Plan } from "../plan/types.js";

const MANAGED_REDIS_SUFFIX = ".redis.azure.net";
const CACHE_SUFFIX = ".redis.cache.windows.net";

/** Clearly marked so a person cannot mistake a placeholder for a value the tool knew. */
const RESOURCE_GROUP = "<RESOURCE_GROUP>";

function cacheNameOf(host: string): string {
  const name = host.split(".")[0];
  return name && name.length > 0 ? name : "<CACHE_NAME>";
}

/**
 * The Azure CLI command that gives an identity data access, with every value the tool knows
 * filled in. Azure Cache for Redis and Azure Managed Redis use different command groups.
 */
export function accessPolicyCommand(plan: Plan, objectId: string | null, policy: string): string {
  const host = plan.target.host.toLowerCase();
  const oid = objectId ?? "<OBJECT_ID>";
  const assignment = objectId ? `rcc-${objectId.slice(0, 8)}` : "<ASSIGNMENT_NAME>";
  const cache =
    host.endsWith(CACHE_SUFFIX) || host.endsWith(MANAGED_REDIS_SUFFIX)
      ? cacheNameOf(host)
      : "<CACHE_NAME>";

  if (host.endsWith(MANAGED_REDIS_SUFFIX)) {
    return (
      `az redisenterprise database access-policy-assignment create --cluster-name ${cache} ` +
      `--resource-group ${RESOURCE_GROUP} --database-name default ` +
      `--access-policy-assignment-name ${assignment} --access-policy-name default ` +
      `--object-id ${oid}`
    );
  }
  return (
    `az redis access-policy-assignment create --name ${cache} ` +
    `--resource-group ${RESOURCE_GROUP} --policy-assignment-name ${assignment} ` +
    `--access-policy-name "${policy}" --object-id ${oid} --object-id-alias ${oid}`
  );
}
