import { isIP } from "node:net";

import { DnsError, type DnsAnswer, type DnsResolver } from "../../src/probe/dns/resolver.js";

/**
 * The address the fake claims to be, as a VNet's custom DNS server would be. Nothing listens
 * there and nothing connects to it: it only shows up in messages that name the resolver.
 */
export const fakeResolverAddress = "10.1.0.4";

/** What the fake answers for one name. */
export type FakeRecord =
  /** A successful answer: addresses in order, and the CNAME hops that led to them. */
  | { addresses: readonly string[]; cnameChain?: readonly string[] }
  /** A failed lookup, as the DNS server would report it. */
  | { fails: DnsError["code"] }
  /** No answer at all, ever: only the probe's own deadline ends the wait. */
  | { hangs: true };

/** A resolver with a fixed answer set that remembers every name it was asked about. */
export interface FakeResolver extends DnsResolver {
  /** The names asked about, in order. */
  readonly queries: readonly string[];
}

function toAnswer(addresses: readonly string[], cnameChain: readonly string[]): DnsAnswer {
  return {
    addresses: addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 })),
    cnameChain: [...cnameChain],
    resolver: fakeResolverAddress,
  };
}

/**
 * A `DnsResolver` that answers from `records` alone, so no query ever leaves the machine. A
 * name it does not know gets NXDOMAIN, which is what a real server says and keeps a typo in
 * a test from turning into a lookup through the system resolver.
 */
export function fakeResolver(records: Readonly<Record<string, FakeRecord>> = {}): FakeResolver {
  const queries: string[] = [];

  return {
    queries,
    resolve(host) {
      queries.push(host);
      const record = records[host.toLowerCase()];

      if (record === undefined) {
        return Promise.reject(
          new DnsError("NXDOMAIN", host, fakeResolverAddress, "no such name in the fake zone"),
        );
      }
      if ("hangs" in record) {
        // Settles never; the pending promise holds no timer or socket, so nothing leaks.
        return new Promise<DnsAnswer>(() => undefined);
      }
      if ("fails" in record) {
        return Promise.reject(
          new DnsError(record.fails, host, fakeResolverAddress, "scripted failure"),
        );
      }
      return Promise.resolve(toAnswer(record.addresses, record.cnameChain ?? []));
    },
  };
}
