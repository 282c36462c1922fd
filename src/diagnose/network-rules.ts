import { DeadlineError } from "../probe/deadline.js";
import { endpoint, type Rule } from "./rule.js";

const FIREWALL_HINT =
  "Check, in this order: the cache's firewall rules and 'Public network access' setting " +
  "(disabled means only private endpoints reach it), the VNet's network security group and " +
  "outbound rules, and whether this app reaches the cache through its private endpoint.";

const dnsRules: Rule[] = [
  (c) =>
    c.code === "ENOTFOUND" || c.code === "ENODATA"
      ? {
          category: "network",
          cause: "dns-not-found",
          message: `DNS: ${c.plan.target.host} does not resolve (no such name).`,
          hint:
            "Check the host name in the settings for typos (the cache may also have been " +
            "deleted or renamed). With a private endpoint, the private DNS zone " +
            "privatelink.redis.cache.windows.net must be linked to this app's VNet.",
        }
      : undefined,
  (c) =>
    c.error instanceof DeadlineError || c.code === "EAI_AGAIN" || c.code === "ESERVFAIL"
      ? {
          category: "network",
          cause: "dns-no-answer",
          message: `DNS: no answer for ${c.plan.target.host} (${c.code ?? "timed out"}).`,
          hint:
            "The resolver this app uses did not answer. With a custom DNS server on the VNet, " +
            "make sure it forwards Azure names to 168.63.129.16.",
        }
      : undefined,
];

const tcpRules: Rule[] = [
  (c) =>
    c.code === "ECONNREFUSED"
      ? {
          category: "network",
          cause: "connection-refused",
          message: `TCP: connection to ${endpoint(c)} was refused: nothing listens there.`,
          hint:
            "Check the port: Azure Cache for Redis serves TLS on 6380 (the plain-text port " +
            "6379 is disabled unless enabled on the cache), Azure Managed Redis on 10000.",
        }
      : undefined,
  (c) =>
    c.code === "ECONNRESET"
      ? {
          category: "network",
          cause: "connection-reset",
          message: `TCP: ${endpoint(c)} reset the connection.`,
          hint: FIREWALL_HINT,
        }
      : undefined,
  (c) =>
    c.code === "EHOSTUNREACH" || c.code === "ENETUNREACH"
      ? {
          category: "network",
          cause: "unreachable",
          message: `TCP: ${endpoint(c)} is unreachable from here (${c.code}).`,
          hint: FIREWALL_HINT,
        }
      : undefined,
  (c) =>
    c.error instanceof DeadlineError || c.code === "ETIMEDOUT"
      ? {
          category: "network",
          cause: "connect-timeout",
          message: `TCP: no answer from ${endpoint(c)} within ${c.plan.probe.timeoutMs} ms.`,
          hint: FIREWALL_HINT,
        }
      : undefined,
];

/** DNS and TCP failures, by phase. */
export const networkRules: Readonly<Record<string, readonly Rule[]>> = {
  dns: dnsRules,
  tcp: tcpRules,
};
