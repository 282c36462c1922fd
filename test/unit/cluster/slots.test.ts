import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parseClusterSlots } from "../../../src/cluster/cluster-layout.js";
import { hashSlot, SLOT_COUNT } from "../../../src/cluster/hash-slot.js";
import { probeKeyFor } from "../../../src/cluster/probe-key.js";
import { formatRanges, uncoveredRanges } from "../../../src/cluster/slot-ranges.js";

describe("hashSlot", () => {
  // Values as CLUSTER KEYSLOT gives them.
  it.each([
    ["foo", 12182],
    ["bar", 5061],
    ["somekey", 11058],
    ["{user1000}.following", 3443],
    ["{user1000}.followers", 3443],
    ["user1000", 3443],
    ["foo{}{bar}", 8363],
    ["{}x", 10595],
  ])("slot of %j is %i", (key, slot) => {
    expect(hashSlot(key)).toBe(slot);
  });

  it("always lands within the slot space", () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        const slot = hashSlot(key);
        expect(slot).toBeGreaterThanOrEqual(0);
        expect(slot).toBeLessThan(SLOT_COUNT);
      }),
    );
  });
});

describe("probeKeyFor", () => {
  it("finds a fresh probe key whose slot the shard owns", () => {
    const ranges = [[5461, 10922] as const];

    const key = probeKeyFor(ranges);

    expect(key).toMatch(/^redis-connector-check:\{rcc\d+\}:[0-9a-f]{24}$/);
    const slot = hashSlot(key ?? "");
    expect(slot).toBeGreaterThanOrEqual(5461);
    expect(slot).toBeLessThanOrEqual(10922);
  });
});

describe("slot ranges", () => {
  it("names the gaps no primary covers", () => {
    const covered = [
      [0, 5460],
      [10923, 16383],
    ] as const;

    expect(formatRanges(uncoveredRanges(covered))).toEqual(["5461-10922"]);
    expect(uncoveredRanges([[0, 16383]])).toEqual([]);
    expect(formatRanges(uncoveredRanges([[1, 16382]]))).toEqual(["0", "16383"]);
  });
});

describe("parseClusterSlots", () => {
  it("reads primaries with all their ranges and replicas, primaries first", () => {
    const reply = [
      [0, 5460, ["10.0.0.1", 15000, "id1"], ["10.0.0.4", 15000, "id4"]],
      [5461, 10922, ["10.0.0.2", 15001, "id2"]],
      [10923, 16383, ["10.0.0.1", 15000, "id1"]],
    ];

    const nodes = parseClusterSlots(reply);

    expect(nodes).toEqual([
      {
        address: "10.0.0.1",
        port: 15000,
        role: "primary",
        slots: [
          [0, 5460],
          [10923, 16383],
        ],
      },
      { address: "10.0.0.2", port: 15001, role: "primary", slots: [[5461, 10922]] },
      { address: "10.0.0.4", port: 15000, role: "replica", slots: [] },
    ]);
  });

  it("skips what it cannot read instead of failing", () => {
    expect(parseClusterSlots("nope")).toEqual([]);
    expect(parseClusterSlots([[0, 1, ["x"]], "junk", [null]])).toEqual([]);
  });
});
