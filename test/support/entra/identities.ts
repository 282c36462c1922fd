/** What kind of Entra identity a stand-in serves tokens for. */
export type StandInIdentityKind = "system" | "user" | "service-principal" | "workload";

/** An identity as a test describes it; the stand-ins issue tokens only for these. */
export interface StandInIdentity {
  kind: StandInIdentityKind;
  /** The application (client) id: `appid`/`azp` in tokens, `client_id` in requests. */
  clientId: string;
  /** The object (principal) id: `oid` in tokens, the Redis username. */
  objectId: string;
  /** Required for service principals and workload identities; defaults for the others. */
  tenantId?: string;
  /** The client secret a service principal must present. */
  secret?: string;
  /** Makes the authority answer as for a secret past its end date (AADSTS7000222). */
  secretExpired?: boolean;
  /** The federated token a workload identity presents as its client assertion. */
  federatedToken?: string;
}

/** How a managed identity request names the identity it wants. */
export interface ManagedIdentitySelector {
  clientId?: string | null;
  objectId?: string | null;
  /** Azure resource ids are not modelled: any given one is unknown. */
  resourceId?: string | null;
}

/**
 * Picks the managed identity a request asks for, as App Service and IMDS do: a client or
 * object id selects a user-assigned identity, no id selects the system-assigned one.
 */
export function findManagedIdentity(
  identities: readonly StandInIdentity[],
  selector: ManagedIdentitySelector,
): StandInIdentity | undefined {
  if (selector.resourceId) {
    return undefined;
  }
  if (selector.clientId) {
    return identities.find((one) => one.kind === "user" && one.clientId === selector.clientId);
  }
  if (selector.objectId) {
    return identities.find((one) => one.kind === "user" && one.objectId === selector.objectId);
  }
  return identities.find((one) => one.kind === "system");
}
