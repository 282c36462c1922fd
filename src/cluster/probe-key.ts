import { PROBE_KEY_PREFIX } from "../probe/commands.js";
import { randomBytes } from "node:crypto";

import { hashSlot } from "./hash-slot.js";
import { rangesContain, type SlotRange } from "./slot-ranges.js";

/** More than enough: with even three shards, a fitting tag turns up within a few tries. */
const MAX_TAGS = 100_000;

/**
 * A fresh probe key that lands on a given shard: its hash tag is chosen so that the key's
 * slot lies in `ranges`, and a random suffix keeps it from ever naming an existing key.
 */
export function probeKeyFor(ranges: readonly SlotRange[]): string | undefined {
  for (let n = 0; n < MAX_TAGS; n += 1) {
    const tag = `rcc${n}`;
    if (rangesContain(ranges, hashSlot(tag))) {
      return `${PROBE_KEY_PREFIX}{${tag}}:${randomBytes(12).toString("hex")}`;
    }
  }
  return undefined;
}
