import { describe, expect, it } from "vitest";

import { analysePrivateLink, isPrivateAddress } from "../../../src/probe/dns/private-link.js";
import type { DnsAnswer } from "../../../src/probe/dns/resolver.js";

const host = "mycache.redis.cache.windows.net";

function answer(addresses: string[], cnameChain: string[] = []): DnsAnswer {
  return {
    addresses: addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    cnameChain,
    resolver: "10.0.0.2",
  };
}

describe("isPrivateAddress", () => {
  it.each([
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "127.0.0.1",
    "::1",
    "fd00::1",
  ])("%s is private", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["20.42.1.1", "172.32.0.1", "8.8.8.8", "2001:db8::1", "::ffff:52.1.1.1"])(
    "%s is public",
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );
});

describe("analysePrivateLink", () => {
  it("is quiet for a private endpoint answered by its linked private zone", () => {
    const chain = ["mycache.privatelink.redis.cache.windows.net"];

    const findings = analysePrivateLink(host, answer(["10.0.1.4"], chain));

    expect(findings).toEqual({ privateLink: true, scope: "private", warnings: [] });
  });

  it("warns when the chain goes through privatelink but the answer is public", () => {
    const chain = ["mycache.privatelink.redis.cache.windows.net", "azred-eus.cloudapp.net"];

    const findings = analysePrivateLink(host, answer(["20.42.1.1"], chain));

    expect(findings.scope).toBe("public");
    expect(findings.warnings[0]).toContain("private DNS zone is probably not linked");
    expect(findings.warnings[0]).toContain("168.63.129.16");
  });

  it("warns when an Azure name resolves privately without the privatelink name", () => {
    const findings = analysePrivateLink(host, answer(["10.9.9.9"]));

    expect(findings.privateLink).toBe(false);
    expect(findings.warnings[0]).toContain("overrides Azure's answer");
  });

  it("says nothing about names that are not Azure caches", () => {
    expect(analysePrivateLink("redis.internal", answer(["10.9.9.9"])).warnings).toEqual([]);
  });

  it("recognises Azure Managed Redis's zone and calls mixed answers mixed", () => {
    const managed = "mine.westeurope.redis.azure.net";
    const chain = ["mine.privatelink.redis.azure.net"];

    const findings = analysePrivateLink(managed, answer(["10.0.0.5", "20.1.1.1"], chain));

    expect(findings.privateLink).toBe(true);
    expect(findings.scope).toBe("mixed");
    expect(findings.warnings).toHaveLength(1);
  });
});
