import { getServers, promises as dns } from "node:dns";

import { DnsError, type DnsAnswer, type DnsResolver } from "./resolver.js";

const MAX_CNAME_HOPS = 8;

function isLocalhost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}

/** Node's resolver error codes, by the DNS outcome they stand for. */
function outcomeOf(code: string | undefined): DnsError["code"] {
  switch (code) {
    case "ENOTFOUND":
      return "NXDOMAIN";
    case "ENODATA":
      return "NODATA";
    case "ESERVFAIL":
      return "SERVFAIL";
    case "ETIMEOUT":
    case "EAI_AGAIN":
      return "TIMEOUT";
    case "EREFUSED":
    case "ECONNREFUSED":
      return "REFUSED";
    default:
      return "OTHER";
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Follows CNAME records hop by hop within `budgetMs`; a name without one ends the chain.
 * The chain is extra insight, so running out of time returns what was found rather than
 * failing a lookup that already succeeded (a name from /etc/hosts with no DNS server, say).
 */
async function cnameChain(
  resolver: dns.Resolver,
  host: string,
  budgetMs: number,
): Promise<string[]> {
  const chain: string[] = [];
  const giveUpAt = Date.now() + budgetMs;
  let name = host;

  for (let hop = 0; hop < MAX_CNAME_HOPS && Date.now() < giveUpAt; hop += 1) {
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), Math.max(0, giveUpAt - Date.now()));
    });
    const next = await Promise.race([resolver.resolveCname(name).catch(() => []), outOfTime]);
    clearTimeout(timer);

    const target = next[0];
    if (!target || chain.includes(target)) break;
    chain.push(target);
    name = target;
  }
  return chain;
}

/**
 * Resolves the way the app would (getaddrinfo, so /etc/hosts and the search list apply),
 * then asks the DNS server directly for the CNAME chain. getaddrinfo folds SERVFAIL and
 * timeouts into one code, so after a failure a direct query names the outcome precisely.
 */
export const systemResolver: DnsResolver = {
  async resolve(host, timeoutMs): Promise<DnsAnswer> {
    const server = getServers()[0] ?? null;
    const direct = new dns.Resolver({
      timeout: Math.max(100, Math.floor(timeoutMs / 2)),
      tries: 1,
    });

    try {
      const addresses = await dns.lookup(host, { all: true, verbatim: true });
      // localhost never has a CNAME, and asking a DNS server about it only leaks a query.
      const chain = isLocalhost(host)
        ? []
        : await cnameChain(direct, host, Math.floor(timeoutMs / 2));
      return {
        addresses: addresses.map(({ address, family }) => ({ address, family })),
        cnameChain: chain,
        resolver: server,
      };
    } catch (error) {
      const precise = await direct.resolve4(host).then(
        () => codeOf(error),
        (directError: unknown) => codeOf(directError) ?? codeOf(error),
      );
      throw new DnsError(outcomeOf(precise), host, server, codeOf(error) ?? String(error));
    } finally {
      direct.cancel();
    }
  },
};
