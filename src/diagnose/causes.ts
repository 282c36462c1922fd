import type { Category } from "./categories.js";

/**
 * Every cause the classifier can name, with its category. Each has a section of its own in
 * docs/troubleshooting.md under an anchor of the same name, which the hint links to; a test
 * keeps the two lists in step.
 */
export const CAUSES = {
  "invalid-settings": "config",
  "database-out-of-range": "config",

  "no-managed-identity": "credential",
  "unknown-client-id": "credential",
  "invalid-client-secret": "credential",
  "expired-client-secret": "credential",
  "wrong-tenant": "credential",
  "unknown-application": "credential",
  "federated-token-file": "credential",
  "endpoint-unreachable": "credential",
  timeout: "credential",
  "azure-cli-not-signed-in": "credential",
  "azure-cli-missing": "credential",
  other: "credential",

  "dns-not-found": "network",
  "dns-servfail": "network",
  "dns-timeout": "network",
  "dns-failed": "network",
  "connection-refused": "network",
  "connection-reset": "network",
  unreachable: "network",
  "connect-timeout": "network",
  "no-answer": "network",
  "max-clients": "network",
  "reply-timeout": "network",
  "connection-closed": "network",
  "cluster-node-unreachable": "network",
  "cluster-slots-uncovered": "network",

  "untrusted-certificate": "tls",
  "host-name-mismatch": "tls",
  "certificate-expired": "tls",
  "certificate-not-yet-valid": "tls",
  "port-speaks-plain-text": "tls",
  "port-speaks-tls": "tls",
  "handshake-failed": "tls",

  wrongpass: "auth",
  noauth: "auth",
  "no-password-configured": "auth",
  "closed-after-auth": "auth",

  noperm: "permission",
  "readonly-replica": "permission",
  "out-of-memory": "permission",
  loading: "permission",
  busy: "permission",
  "clustered-cache": "permission",
  crossslot: "permission",
  "unexpected-reply": "permission",

  "unexpected-error": "internal",
} as const satisfies Record<string, Category>;

export type Cause = keyof typeof CAUSES;

/** The section of docs/troubleshooting.md that explains a cause; every hint points there. */
export function docsLink(cause: string): string {
  const anchor = cause in CAUSES ? cause : "internal";
  return `docs/troubleshooting.md#${anchor}`;
}
