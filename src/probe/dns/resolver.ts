export interface ResolvedAddress {
  address: string;
  family: number;
}

/** What a name resolved to, and through which aliases. */
export interface DnsAnswer {
  addresses: ResolvedAddress[];
  /** CNAME hops from the queried name to the final name, in order; empty for none. */
  cnameChain: string[];
  /** The DNS server that was asked, when known (the first configured one). */
  resolver: string | null;
}

/**
 * A failed lookup, named the way a DNS person would: NXDOMAIN (no such name), SERVFAIL (the
 * server failed), TIMEOUT (nobody answered), or NODATA (the name exists without addresses).
 */
export class DnsError extends Error {
  override readonly name = "DnsError";

  constructor(
    readonly code: "NXDOMAIN" | "SERVFAIL" | "TIMEOUT" | "NODATA" | "REFUSED" | "OTHER",
    readonly host: string,
    readonly resolver: string | null,
    detail: string,
  ) {
    super(`${code} for ${host}${resolver ? ` from ${resolver}` : ""}: ${detail}`);
  }
}

/**
 * Resolves a host name for the probe. The system one asks the operating system as the app's
 * client would; tests inject one with a fixed answer set so no query leaves the machine.
 */
export interface DnsResolver {
  /** Rejects with DnsError. */
  resolve(host: string, timeoutMs: number): Promise<DnsAnswer>;
}
