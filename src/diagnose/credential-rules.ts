import type { Rule } from "./rule.js";

interface CredentialFacts {
  kind?: unknown;
  detail?: unknown;
  aadsts?: unknown;
  source?: unknown;
}

interface KindAdvice {
  what: string;
  hint: (clientId: string, tenantId: string) => string;
}

const ADVICE: Readonly<Record<string, KindAdvice>> = {
  "no-managed-identity": {
    what: "no managed identity is available to this app",
    hint: () =>
      "Turn on the app's system-assigned identity (or assign the user-assigned one) under " +
      "Identity in the portal, then re-create the Service Connector connection; on AKS use " +
      "workload identity.",
  },
  "unknown-client-id": {
    what: "the managed identity endpoint does not know this client id",
    hint: (clientId) =>
      `Assign the user-assigned identity with client id ${clientId} to this app, by its ` +
      "resource id: az webapp identity assign --identities <IDENTITY_RESOURCE_ID> (Container " +
      "Apps: az containerapp identity assign --user-assigned <IDENTITY_RESOURCE_ID>), or " +
      "correct AZURE_REDIS_CLIENTID.",
  },
  "invalid-client-secret": {
    what: "Microsoft Entra rejected the client secret",
    hint: () =>
      "Set AZURE_REDIS_CLIENTSECRET to the secret's value (not its secret id); if it is " +
      "lost, add a new one with az ad app credential reset --id <CLIENT_ID> --append (without " +
      "--append the app's other secrets are removed).",
  },
  "expired-client-secret": {
    what: "the client secret has expired",
    hint: () =>
      "Add a new secret (az ad app credential reset --id <CLIENT_ID> --append) and update " +
      "AZURE_REDIS_CLIENTSECRET.",
  },
  "wrong-tenant": {
    what: "the tenant does not exist",
    hint: (_clientId, tenantId) =>
      `Check the tenant id (${tenantId}): it is the directory id, not a subscription id.`,
  },
  "unknown-application": {
    what: "the application is not registered in this tenant",
    hint: (clientId, tenantId) =>
      `Check that client id ${clientId} is an application registered in tenant ${tenantId}.`,
  },
  "federated-token-file": {
    what: "the federated token could not be used",
    hint: () =>
      "Check AZURE_FEDERATED_TOKEN_FILE exists and is readable, the pod has the label " +
      'azure.workload.identity/use: "true", its service account carries the client id ' +
      "annotation, and the identity's federated credential names this service account.",
  },
  "endpoint-unreachable": {
    what: "the token endpoint could not be reached",
    hint: () =>
      "Check outbound access to the identity endpoint (IDENTITY_ENDPOINT, the instance " +
      "metadata service, or the Entra authority on port 443), proxies and firewall rules.",
  },
  timeout: {
    what: "the token endpoint did not answer in time",
    hint: () => "Retry with a longer --timeout; then check the network path to the endpoint.",
  },
  "azure-cli-not-signed-in": {
    what: "nobody is signed in to the Azure CLI",
    hint: () => "Run az login (with --tenant for another directory), then run the check again.",
  },
  "azure-cli-missing": {
    what: "the Azure CLI (az) is not installed or not on PATH",
    hint: () =>
      "Install the Azure CLI and sign in, or check the app's own identity instead of --auth " +
      "azure-cli.",
  },
};

const FALLBACK: KindAdvice = {
  what: "the credential failed",
  hint: () => "See docs/authentication.md for the method in use and what it needs.",
};

/** Entra token failures: the credentials module names the kind; this names the remedy. */
export const credentialRules: readonly Rule[] = [
  (c) => {
    const facts = (c.error ?? {}) as CredentialFacts;
    const kind = typeof facts.kind === "string" ? facts.kind : "other";
    const advice = ADVICE[kind] ?? FALLBACK;
    const code = typeof facts.aadsts === "string" ? ` (${facts.aadsts})` : "";
    const source = typeof facts.source === "string" ? ` via ${facts.source}` : "";
    // Without a named cause, the library's own (scrubbed) words are the best lead.
    const said = kind === "other" && typeof facts.detail === "string" ? `: ${facts.detail}` : "";
    const { clientId = "<CLIENT_ID>", tenantId = "<TENANT_ID>" } = c.plan.auth;

    return {
      category: "credential",
      cause: kind,
      message: `Credential: ${advice.what}${source}${code}${said}.`,
      hint: advice.hint(clientId, tenantId),
    };
  },
];
