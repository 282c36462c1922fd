import { isIP } from "node:net";

import type { DnsAnswer } from "./resolver.js";

const PRIVATE_LINK_ZONES = ["privatelink.redis.cache.windows.net", "privatelink.redis.azure.net"];
const AZURE_CACHE_ZONES = [".redis.cache.windows.net", ".redis.azure.net"];

export type AddressScope = "private" | "public" | "mixed";

export interface PrivateLinkFindings {
  privateLink: boolean;
  scope: AddressScope;
  warnings: string[];
}

function ipv4IsPrivate(address: string): boolean {
  const [a = 0, b = 0] = address.split(".").map(Number);
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/** RFC 1918, CGNAT, loopback, link-local and IPv6 ULA all stay inside a network. */
export function isPrivateAddress(address: string): boolean {
  const mapped = address.toLowerCase().replace(/^::ffff:/, "");
  if (isIP(mapped) === 4) return ipv4IsPrivate(mapped);

  return mapped === "::1" || /^f[cd]/.test(mapped) || mapped.startsWith("fe80:");
}

function scopeOf(addresses: readonly string[]): AddressScope {
  const privateCount = addresses.filter(isPrivateAddress).length;
  if (privateCount === addresses.length) return "private";

  return privateCount === 0 ? "public" : "mixed";
}

/**
 * Reads a private endpoint set-up from a DNS answer. Azure points the cache's name at
 * `<name>.privatelink.redis.cache.windows.net`, which a linked private DNS zone answers with
 * the endpoint's private address; an answer that contradicts the chain usually means the
 * zone is not linked to this VNet, or a custom DNS server does not forward to Azure.
 */
export function analysePrivateLink(host: string, answer: DnsAnswer): PrivateLinkFindings {
  const azureName = AZURE_CACHE_ZONES.some((zone) => host.toLowerCase().endsWith(zone));
  const names = answer.cnameChain.map((name) => name.toLowerCase().replace(/\.$/, ""));
  const privateLink = names.some((name) => PRIVATE_LINK_ZONES.some((zone) => name.endsWith(zone)));
  const scope = scopeOf(answer.addresses.map((a) => a.address));
  const warnings: string[] = [];

  if (privateLink && scope !== "private") {
    warnings.push(
      "The name resolved to a public address while its CNAME chain goes through privatelink: " +
        "the private DNS zone is probably not linked to this VNet, or a custom DNS server does " +
        "not forward to Azure DNS (168.63.129.16). With public network access disabled, " +
        "connections will fail.",
    );
  }
  if (azureName && !privateLink && scope === "private") {
    warnings.push(
      "The name resolved to a private address without a privatelink CNAME: a hosts-file entry " +
        "or a custom DNS zone overrides Azure's answer. Make sure it is the private endpoint's " +
        "current address.",
    );
  }
  return { privateLink, scope, warnings };
}
