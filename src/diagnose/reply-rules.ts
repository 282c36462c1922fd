import { CONNECTION_LOST } from "../probe/connection-lost.js";
import { DeadlineError } from "../probe/deadline.js";
import { UnexpectedReplyError } from "../probe/unexpected-reply.js";
import { accessPolicyCommand } from "./access-policy-command.js";
import { endpoint, type Diagnosis, type FailureContext, type Rule } from "./rule.js";

function replyStartsWith(c: FailureContext, prefix: string): boolean {
  return c.message.toUpperCase().startsWith(prefix);
}

function usesEntra(c: FailureContext): boolean {
  return c.plan.auth.method !== "connection-string";
}

function rejectedCredentials(c: FailureContext): Diagnosis {
  // Older servers say "ERR invalid password"; it means what WRONGPASS means.
  const reply = replyStartsWith(c, "NOAUTH") ? "NOAUTH" : "WRONGPASS";

  if (!usesEntra(c)) {
    return {
      category: "auth",
      cause: reply.toLowerCase(),
      message: `AUTH: Redis rejected the access key (${reply}).`,
      hint:
        "The key is wrong or was regenerated: copy the current primary or secondary access " +
        "key into the connection string (or reconnect with Service Connector). If the cache " +
        "has access-key authentication disabled, switch the app to Microsoft Entra ID.",
    };
  }

  const oid = c.plan.auth.username;
  return {
    category: "auth",
    cause: reply.toLowerCase(),
    message: `AUTH: Redis rejected the Microsoft Entra token for object id ${oid ?? "(unknown)"} (${reply}).`,
    hint:
      "Usual causes, in order: (1) the identity has no data access policy assignment on the " +
      `cache; grant one with: ${accessPolicyCommand(c.plan, oid, "Data Contributor")}; ` +
      "(2) Microsoft Entra authentication is not enabled on the cache; (3) if this check " +
      "passes but the app fails, the app's client sends a username other than the " +
      "identity's object id (oid).",
  };
}

const AUTH_REJECTIONS = ["WRONGPASS", "NOAUTH", "ERR INVALID PASSWORD", "ERR INVALID USERNAME"];

/** Redis replies, by what they say; these apply to AUTH and every probe command. */
export const replyRules: readonly Rule[] = [
  (c) => (AUTH_REJECTIONS.some((p) => replyStartsWith(c, p)) ? rejectedCredentials(c) : undefined),
  (c) =>
    c.message.includes("called without any password configured")
      ? {
          category: "auth",
          cause: "no-password-configured",
          message: "AUTH: the server has no password set, so it refused the one sent.",
          hint: "This is not an Azure cache (they always require authentication): check the host.",
        }
      : undefined,
  (c) =>
    replyStartsWith(c, "NOPERM")
      ? {
          category: "permission",
          cause: "noperm",
          message: `${c.phase.toUpperCase()}: the server refused the command (NOPERM).`,
          hint: usesEntra(c)
            ? "The identity's access policy does not allow this command: Data Reader cannot " +
              "write. Run with --read-only to check reads only, or assign Data Contributor: " +
              accessPolicyCommand(c.plan, c.plan.auth.username, "Data Contributor")
            : "The user's ACL does not allow this command. Run with --read-only to check " +
              "reads only, or use a user (or access policy) that may write.",
        }
      : undefined,
  (c) =>
    replyStartsWith(c, "READONLY")
      ? {
          category: "permission",
          cause: "readonly-replica",
          message: `${c.phase.toUpperCase()}: connected to a read-only replica (READONLY).`,
          hint: "Point the app at the primary endpoint, or use --read-only to check reads only.",
        }
      : undefined,
  (c) =>
    replyStartsWith(c, "OOM")
      ? {
          category: "permission",
          cause: "out-of-memory",
          message:
            `${c.phase.toUpperCase()}: the cache is full (OOM: maxmemory reached` +
            `${c.evidence.maxmemoryPolicy ? `, maxmemory-policy ${c.evidence.maxmemoryPolicy}` : ""}).`,
          hint:
            "Free memory, scale the cache up, or use a maxmemory-policy that evicts any key " +
            "(allkeys-lru); volatile-* policies only evict keys with an expiry, so give keys " +
            "one.",
        }
      : undefined,
  (c) =>
    replyStartsWith(c, "LOADING") || replyStartsWith(c, "BUSY")
      ? {
          category: "permission",
          cause: replyStartsWith(c, "LOADING") ? "loading" : "busy",
          message: `${c.phase.toUpperCase()}: the server is not serving yet (${c.message.split(" ")[0]}).`,
          hint: "The cache is loading data or running a long script; retry in a minute.",
        }
      : undefined,
  (c) =>
    replyStartsWith(c, "MOVED") || replyStartsWith(c, "ASK ")
      ? {
          category: "permission",
          cause: "clustered-cache",
          message: `${c.phase.toUpperCase()}: the cache is clustered (${c.message.split(" ")[0]}: the key lives on another shard).`,
          hint:
            "The app needs a cluster-aware client (ioredis Cluster, StackExchange.Redis " +
            "handles it itself); this check probes a single node.",
        }
      : undefined,
  (c) =>
    replyStartsWith(c, "CROSSSLOT")
      ? {
          category: "permission",
          cause: "crossslot",
          message: `${c.phase.toUpperCase()}: keys of one command live in different hash slots (CROSSSLOT).`,
          hint:
            "On a clustered cache, keys used together must share a hash tag, e.g. " +
            "{user1}:a and {user1}:b.",
        }
      : undefined,
  (c) =>
    c.message.includes("max number of clients reached")
      ? {
          category: "network",
          cause: "max-clients",
          message: "The cache refused the connection: max number of clients reached.",
          hint: "Close idle connections in the apps using this cache, or scale it up.",
        }
      : undefined,
  (c) =>
    replyStartsWith(c, "ERR DB INDEX") || replyStartsWith(c, "ERR INVALID DB")
      ? {
          category: "config",
          cause: "database-out-of-range",
          message: `SELECT: database ${c.plan.target.database} does not exist on this cache.`,
          hint: "Use a database from 0 to 15 (clustered caches and Managed Redis: only 0).",
        }
      : undefined,
  (c) =>
    c.error instanceof UnexpectedReplyError
      ? {
          category: "permission",
          cause: "unexpected-reply",
          message: `${c.phase.toUpperCase()}: ${c.message}.`,
          hint:
            "A GET of nil right after SET usually means the key was evicted at once (memory " +
            "full with an evicting policy); otherwise something between the app and the " +
            "cache changes replies, or another client touched the probe key.",
        }
      : undefined,
  (c) =>
    c.error instanceof DeadlineError
      ? {
          category: "network",
          cause: "reply-timeout",
          message: `${c.phase.toUpperCase()}: ${endpoint(c)} did not answer within ${c.plan.probe.timeoutMs} ms.`,
          hint:
            "The server is overloaded or stalled, or the network drops replies; retry, " +
            "then check the cache's CPU and server load metrics.",
        }
      : undefined,
  (c) =>
    c.evidence.tlsOnPort
      ? {
          category: "tls",
          cause: "port-speaks-tls",
          message: `${c.phase.toUpperCase()}: ${endpoint(c)} dropped plain text; the port speaks TLS.`,
          hint:
            `Port ${c.plan.target.port} requires TLS: drop --no-tls / ssl=False / ` +
            "AZURE_REDIS_SSL=false (6380 and Managed Redis's 10000 are TLS ports).",
        }
      : undefined,
  (c) =>
    CONNECTION_LOST.test(c.message) && usesEntra(c) && c.phase !== "auth"
      ? {
          category: "auth",
          cause: "closed-after-auth",
          message: `${c.phase.toUpperCase()}: the server closed the connection after AUTH.`,
          hint:
            "Azure closes a connection whose Microsoft Entra token has expired unless a fresh " +
            "AUTH came first: check the token's expiry in the credential phase and the " +
            "machine's clock; an app must re-authenticate before its token expires. If the " +
            "token was far from expiry, check as for a closed connection (restart, failover, " +
            "proxy).",
        }
      : undefined,
  (c) =>
    CONNECTION_LOST.test(c.message)
      ? {
          category: "network",
          cause: "connection-closed",
          message: `${c.phase.toUpperCase()}: the server closed the connection.`,
          hint:
            "Check the cache's health (a restart or failover closes connections), its " +
            "connection limit, and any proxy or firewall with idle timeouts on the way.",
        }
      : undefined,
];
