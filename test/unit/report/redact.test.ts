import { describe, expect, it } from "vitest";

import { Secret } from "../../../src/plan/secret.js";
import { Redactor } from "../../../src/report/redact.js";
import { inspect } from "node:util";

describe("Secret", () => {
  it("renders as *** in every way text is made from it", () => {
    const secret = new Secret("Sentinel+Key/Abc==");

    expect(String(secret)).toBe("***");
    expect(`${secret}`).toBe("***");
    expect(JSON.stringify({ secret })).toBe('{"secret":"***"}');
    expect(inspect({ secret })).not.toContain("Sentinel");
    expect(secret.reveal()).toBe("Sentinel+Key/Abc==");
  });
});

describe("Redactor", () => {
  it("replaces known secrets, raw and URI-encoded, longest first", () => {
    const redactor = new Redactor();
    redactor.add("Sentinel+Key/Abc==");
    redactor.add("Sentinel");

    const text = "a Sentinel+Key/Abc== b Sentinel%2BKey%2FAbc%3D%3D c Sentinel";

    expect(redactor.scrub(text)).toBe("a *** b *** c ***");
  });

  it("ignores values too short to be told from ordinary text", () => {
    const redactor = new Redactor();
    redactor.add("abcdefg");
    redactor.add("");
    redactor.add(undefined);

    expect(redactor.scrub("abcdefg h")).toBe("abcdefg h");
  });
});
