import { ManagedIdentityApplication } from "@azure/msal-node";

interface ManagedIdentityStatics {
  nodeStorage?: unknown;
}

interface ManagedIdentityClientStatics {
  identitySource?: unknown;
  sourceName?: unknown;
  prototype: { sendManagedIdentityTokenRequest?: unknown };
}

/**
 * Makes msal-node forget the managed identity source and tokens it keeps for the whole
 * process. msal-node picks the source (App Service, IMDS, ...) and its endpoint once, on the
 * first request, and caches tokens in a store shared by every ManagedIdentityCredential. A
 * CLI run has one environment, so that is harmless there; a test process switches between
 * stand-ins and would otherwise keep calling the first one, or get a token from the cache
 * without any request at all.
 *
 * The fields are private to msal-node; if a new version renames them this throws, so the
 * tests fail loudly instead of talking to the wrong endpoint.
 */
export function forgetManagedIdentityState(): void {
  const application = new ManagedIdentityApplication();
  const client = (application as unknown as { managedIdentityClient?: object })
    .managedIdentityClient;
  const clientClass = client?.constructor as ManagedIdentityClientStatics | undefined;
  const applicationClass = ManagedIdentityApplication as unknown as ManagedIdentityStatics;

  if (
    typeof clientClass?.prototype.sendManagedIdentityTokenRequest !== "function" ||
    !("nodeStorage" in applicationClass)
  ) {
    throw new Error("msal-node's managed identity internals changed; update msal-state.ts");
  }

  clientClass.identitySource = undefined;
  clientClass.sourceName = undefined;
  applicationClass.nodeStorage = undefined;
}
