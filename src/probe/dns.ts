import { lookup as systemLookup } from "node:dns/promises";

export interface ResolvedAddress {
  address: string;
  family: number;
}

/**
 * Resolves a host name the way the app's client would: through the system resolver, all
 * addresses. Tests inject their own so that no query leaves the machine.
 */
export type Lookup = (host: string) => Promise<ResolvedAddress[]>;

export const lookupWithSystemResolver: Lookup = async (host) => {
  const answers = await systemLookup(host, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family }));
};
