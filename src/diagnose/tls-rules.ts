import { DeadlineError } from "../probe/deadline.js";
import { endpoint, type FailureContext, type Rule } from "./rule.js";

const UNTRUSTED_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
]);

function namesInCertificate(c: FailureContext): string {
  const cert = (c.error as { cert?: { subjectaltname?: string } } | null)?.cert;
  return cert?.subjectaltname ?? "(none readable)";
}

/** A reset mid-handshake is about the path or the server, not TLS, when plain text fares no better. */
function resetDuringHandshake(c: FailureContext): boolean {
  const reset =
    c.code === "ECONNRESET" || /disconnected before secure TLS connection/i.test(c.message);
  return reset && !c.evidence.plainTextRedis && !c.evidence.plainTextSilent;
}

/** TLS failures; the plain-text follow-up in the evidence tells a wrong port from a hang. */
export const tlsRules: readonly Rule[] = [
  (c) =>
    c.code && UNTRUSTED_CODES.has(c.code)
      ? {
          category: "tls",
          cause: "untrusted-certificate",
          message: `TLS: the certificate of ${endpoint(c)} is not trusted (${c.code}).`,
          hint:
            "A TLS-inspecting proxy or firewall may sit between this app and the cache: add " +
            "its CA with --ca-file PATH or NODE_EXTRA_CA_CERTS=PATH. Azure's own " +
            "certificates chain to public roots that Node.js trusts.",
        }
      : undefined,
  (c) =>
    c.code === "ERR_TLS_CERT_ALTNAME_INVALID"
      ? {
          category: "tls",
          cause: "host-name-mismatch",
          message: `TLS: the certificate is not for ${c.plan.target.host}; it names ${namesInCertificate(c)}.`,
          hint:
            "Connect with the cache's host name, not an IP address or a private endpoint " +
            "alias; to reach a specific address, keep the name and use --resolve " +
            "HOST:PORT:ADDRESS.",
        }
      : undefined,
  (c) =>
    c.code === "CERT_HAS_EXPIRED" || c.code === "CERT_NOT_YET_VALID"
      ? {
          category: "tls",
          cause:
            c.code === "CERT_HAS_EXPIRED" ? "certificate-expired" : "certificate-not-yet-valid",
          message: `TLS: the certificate of ${endpoint(c)} is ${c.code === "CERT_HAS_EXPIRED" ? "expired" : "not yet valid"}.`,
          hint:
            "Check this machine's clock first; then whether a proxy presents its own, " +
            "outdated certificate in place of the cache's.",
        }
      : undefined,
  (c) =>
    c.evidence.plainTextRedis
      ? {
          category: "tls",
          cause: "port-speaks-plain-text",
          message: `TLS: port ${c.plan.target.port} does not speak TLS; it answered a plain-text PING as Redis.`,
          hint:
            `Port ${c.plan.target.port} speaks plain text: use 6380 with TLS (Azure Managed ` +
            "Redis: 10000), or --no-tls if plain text is intended (ssl=False in the connection " +
            "string, AZURE_REDIS_SSL=false).",
        }
      : undefined,
  (c) =>
    c.error instanceof DeadlineError && c.evidence.plainTextSilent
      ? {
          category: "network",
          cause: "no-answer",
          message: `TLS: ${endpoint(c)} accepted the connection but never answered, to TLS or plain text.`,
          hint:
            "Something accepts connections there without being Redis, or the server is " +
            "stalled: a proxy or firewall holding connections, a paused server. Check the " +
            "address the name resolves to and the network path.",
        }
      : undefined,
  (c) =>
    resetDuringHandshake(c)
      ? {
          category: "network",
          cause: "connection-reset",
          message: `TLS: ${endpoint(c)} reset the connection during the handshake, and again for plain text.`,
          hint:
            "Something drops the connection before TLS is up: a firewall or proxy filtering " +
            "by TLS server name, or a cache at its connection limit (Redis cannot say so " +
            "before TLS). Check the network path's firewall rules, then close idle " +
            "connections in the apps using the cache or scale it up.",
        }
      : undefined,
  (c) => ({
    category: "tls",
    cause: "handshake-failed",
    message: `TLS: the handshake with ${endpoint(c)} failed (${c.code ?? c.message}).`,
    hint:
      "The port may not speak TLS, or something in between interferes. Check the port " +
      "(6380 with TLS, 10000 for Azure Managed Redis) and any proxy on the way.",
  }),
];
