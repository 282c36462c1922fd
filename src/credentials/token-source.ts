import type { AuthPlan } from "../plan/types.js";
import { managedIdentitySource } from "./managed-identity-source.js";

/**
 * Which source serves the token for a plan: the managed identity endpoint the environment
 * selects, or the flow the method names. Known before any request, so a failure can say
 * which endpoint it was.
 */
export function tokenSourceFor(
  auth: AuthPlan,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  switch (auth.method) {
    case "system-assigned-identity":
      return managedIdentitySource(env, undefined);
    case "user-assigned-identity":
      return managedIdentitySource(env, auth.clientId);
    case "service-principal":
      return "client-secret";
    case "workload-identity":
      return "workload-identity";
    case "azure-cli":
      return "azure-cli";
    case "connection-string":
      return undefined;
  }
}
