import { SLOT_COUNT } from "./hash-slot.js";

/** An inclusive range of hash slots, as CLUSTER SLOTS gives them. */
export type SlotRange = readonly [number, number];

export function formatRanges(ranges: readonly SlotRange[]): string[] {
  return ranges.map(([start, end]) => (start === end ? `${start}` : `${start}-${end}`));
}

export function rangesContain(ranges: readonly SlotRange[], slot: number): boolean {
  return ranges.some(([start, end]) => slot >= start && slot <= end);
}

/** The slots no range covers: the part of the key space no primary serves. */
export function uncoveredRanges(covered: readonly SlotRange[]): SlotRange[] {
  const sorted = [...covered].sort((a, b) => a[0] - b[0]);
  const gaps: SlotRange[] = [];
  let next = 0;

  for (const [start, end] of sorted) {
    if (start > next) gaps.push([next, start - 1]);
    next = Math.max(next, end + 1);
  }
  if (next < SLOT_COUNT) gaps.push([next, SLOT_COUNT - 1]);
  return gaps;
}
