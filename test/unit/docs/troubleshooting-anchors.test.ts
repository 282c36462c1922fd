import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import type { Category } from "../../../src/diagnose/categories.js";
import { EXIT_CODES } from "../../../src/diagnose/categories.js";
import { CAUSES } from "../../../src/diagnose/causes.js";

const text = readFileSync(new URL("../../../docs/troubleshooting.md", import.meta.url), "utf8");

/** Every `<a id="..."></a>` in the page, in order, duplicates kept. */
const anchors = [...text.matchAll(/<a id="([^"]*)"><\/a>/g)].map((match) => match[1] ?? "");

/**
 * The only anchors that are not causes: one per category, in the order a connection meets them
 * (settings first, a bug in the tool last). Each introduces its category's causes, and `#internal`
 * is also where a link for a cause the page does not know falls back to.
 */
const CATEGORY_ANCHORS: readonly Category[] = [
  "config",
  "credential",
  "network",
  "tls",
  "auth",
  "permission",
  "internal",
];

const causes = Object.keys(CAUSES);

function isCategory(anchor: string): boolean {
  return (CATEGORY_ANCHORS as readonly string[]).includes(anchor);
}

describe("docs/troubleshooting.md anchors", () => {
  it.each(causes)("has exactly one anchor for cause %s", (cause) => {
    expect(anchors.filter((anchor) => anchor === cause)).toHaveLength(1);
  });

  it("lists every category, and nothing else, as a non-cause anchor", () => {
    expect([...CATEGORY_ANCHORS].sort()).toEqual(Object.keys(EXIT_CODES).sort());
  });

  it.each(CATEGORY_ANCHORS)("has exactly one anchor for category %s", (category) => {
    expect(anchors.filter((anchor) => anchor === category)).toHaveLength(1);
  });

  it("has no anchor that is neither a cause nor a category", () => {
    const known = new Set<string>([...causes, ...CATEGORY_ANCHORS]);

    expect(anchors.filter((anchor) => !known.has(anchor))).toEqual([]);
  });

  it("groups the categories in the order a connection meets them", () => {
    const order = anchors.filter((anchor) => isCategory(anchor));

    expect(order).toEqual(CATEGORY_ANCHORS);
  });

  it.each(Object.entries(CAUSES))("puts cause %s under the %s category", (cause, category) => {
    const before = anchors.slice(0, anchors.indexOf(cause));

    expect(before.filter((anchor) => isCategory(anchor)).at(-1)).toBe(category);
  });

  it("follows each anchor with a heading on the next non-blank line", () => {
    const lines = text.split("\n");

    lines.forEach((line, index) => {
      if (!/^<a id="[^"]*"><\/a>$/.test(line.trim())) return;

      const next = lines.slice(index + 1).find((l) => l.trim() !== "");
      expect(next, line).toMatch(/^#{2,4} /);
    });
  });

  it("keeps every anchor on a line of its own", () => {
    const onOwnLine = text.split("\n").filter((line) => /^<a id="[^"]*"><\/a>$/.test(line.trim()));

    expect(onOwnLine).toHaveLength(anchors.length);
  });

  it("links only to anchors that exist on the page", () => {
    const targets = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1] ?? "");

    expect(targets.filter((target) => !anchors.includes(target))).toEqual([]);
  });
});
