import { describe, expect, it } from "vitest";

import { systemResolver } from "../../../src/probe/dns/system-resolver.js";

// localhost is the one name tests may resolve through the system resolver.
describe("systemResolver", () => {
  it("resolves localhost to loopback without asking DNS for a CNAME chain", async () => {
    const answer = await systemResolver.resolve("localhost", 2000);

    expect(answer.addresses.map((a) => a.address)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]),
    );
    expect(answer.cnameChain).toEqual([]);
  });
});
