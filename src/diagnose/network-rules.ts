import { DeadlineError } from "../probe/deadline.js";
import { DnsError } from "../probe/dns/resolver.js";
import { endpoint, type FailureContext, type Rule } from "./rule.js";

const FIREWALL_HINT =
  "Check, in this order: the cache's firewall rules and 'Public network access' setting " +
  "(disabled means only private endpoints reach it), the VNet's network security group and " +
  "outbound rules, and whether this app reaches the cache through its private endpoint.";

function dnsOutcome(c: FailureContext): DnsError["code"] | undefined {
  if (c.error instanceof DnsError) return c.error.code;
  if (c.error instanceof DeadlineError) return "TIMEOUT";

  return undefined;
}

function fromResolver(c: FailureContext): string {
  const resolver = c.error instanceof DnsError ? c.error.resolver : null;
  return resolver ? ` (asked ${resolver})` : "";
}

const dnsRules: Rule[] = [
  (c) =>
    dnsOutcome(c) === "NXDOMAIN" || dnsOutcome(c) === "NODATA"
      ? {
          category: "network",
          cause: "dns-not-found",
          message: `DNS: ${c.plan.target.host} does not resolve (${dnsOutcome(c)})${fromResolver(c)}.`,
          hint:
            "Check the host name in the settings for typos (the cache may also have been " +
            "deleted or renamed). With a private endpoint, the private DNS zone " +
            "privatelink.redis.cache.windows.net (Managed Redis: privatelink.redis.azure.net) " +
            "must be linked to this app's VNet.",
        }
      : undefined,
  (c) =>
    dnsOutcome(c) === "SERVFAIL" || dnsOutcome(c) === "REFUSED"
      ? {
          category: "network",
          cause: "dns-servfail",
          message: `DNS: the server failed to answer for ${c.plan.target.host} (${dnsOutcome(c)})${fromResolver(c)}.`,
          hint:
            "The DNS server could not resolve the name. With a custom DNS server on the VNet, " +
            "make sure it forwards Azure names (or the privatelink zone) to 168.63.129.16.",
        }
      : undefined,
  (c) =>
    dnsOutcome(c) === "TIMEOUT"
      ? {
          category: "network",
          cause: "dns-timeout",
          message: `DNS: no answer for ${c.plan.target.host} within ${c.plan.probe.timeoutMs} ms${fromResolver(c)}.`,
          hint:
            "The resolver this app uses did not answer. Check that the VNet's DNS servers are " +
            "reachable and forward Azure names to 168.63.129.16.",
        }
      : undefined,
  (c) =>
    c.error instanceof DnsError
      ? {
          category: "network",
          cause: "dns-failed",
          message: `DNS: looking up ${c.plan.target.host} failed${fromResolver(c)}: ${c.message}.`,
          hint: "Check this machine's DNS configuration (/etc/resolv.conf) and the VNet's DNS.",
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
