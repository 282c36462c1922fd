import { isIP } from "node:net";

import type { Plan } from "../plan/types.js";
import { analysePrivateLink } from "./dns/private-link.js";
import { DnsError, type DnsResolver } from "./dns/resolver.js";
import type { PhaseLog } from "./phase-log.js";

/**
 * The dns phase: where the connection will go. `--resolve` and IP addresses skip it; a name
 * is resolved with the CNAME chain read for private-endpoint set-ups, whose oddities become
 * warnings for the report.
 */
export async function resolveAddress(
  plan: Plan,
  log: PhaseLog,
  resolver: DnsResolver,
  warnings: string[],
): Promise<string> {
  const { host, connectAddress } = plan.target;

  if (connectAddress) {
    log.skip("dns", { reason: "--resolve", address: connectAddress });
    return connectAddress;
  }
  if (isIP(host)) {
    log.skip("dns", { reason: "host is an IP address", address: host });
    return host;
  }

  const answer = await log.run("dns", {
    run: async () => {
      const found = await resolver.resolve(host, plan.probe.timeoutMs);
      if (found.addresses.length > 0) return found;

      throw new DnsError("NODATA", host, found.resolver, "the answer holds no address");
    },
    describe: (found) => {
      const findings = analysePrivateLink(host, found);
      warnings.push(...findings.warnings);
      return {
        addresses: found.addresses.map((a) => a.address),
        cnameChain: found.cnameChain,
        resolver: found.resolver,
        privateLink: findings.privateLink,
        addressScope: findings.scope,
      };
    },
  });

  return answer.addresses[0]?.address ?? host;
}
