import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { DETAIL_LIMIT, scrub, shorten, toDetail } from "../../../src/credentials/scrub.js";

const SENTINEL = "S3ntinel+Secret/Value=~";

describe("scrub", () => {
  it.each([
    ["plain", `secret is ${SENTINEL} here`],
    ["URL-encoded", `body client_x=${encodeURIComponent(SENTINEL)}&scope=a`],
    ["form-encoded", `q=${new URLSearchParams({ v: SENTINEL }).toString().slice(2)}`],
    ["JSON-escaped", JSON.stringify({ value: `${SENTINEL}"quoted` })],
  ])("removes a known secret in %s form", (_form, text) => {
    expect(scrub(text, [SENTINEL])).not.toContain(SENTINEL);
    expect(scrub(text, [SENTINEL])).toContain("***");
  });

  it("removes tokens, bearer headers and secret parameters it was not told about", () => {
    const text = [
      "token eyJhbGciOiJIUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl",
      "Authorization: Bearer abc.def-ghi",
      "client_secret=hunter2hunter2&grant_type=client_credentials",
      '{"access_token":"opaque-value","token_type":"Bearer"}',
    ].join(" ");

    const scrubbed = scrub(text, []);

    for (const leaked of ["eyJvaWQiOiJ4In0", "abc.def-ghi", "hunter2hunter2", "opaque-value"]) {
      expect(scrubbed).not.toContain(leaked);
    }
    expect(scrubbed).toContain("grant_type=client_credentials");
  });

  it("leaves ids and host names alone", () => {
    const text = "app 0a1b2c3d-3333-4aaa-8bbb-000000000003 at https://login.microsoftonline.com/t";

    expect(scrub(text, [])).toBe(text);
  });

  it("never leaves a secret of four or more characters in the text", () => {
    const secret = fc
      .string({ minLength: 4, maxLength: 40, unit: "grapheme" })
      .filter((s) => !s.includes("*"));
    const noise = fc.string({ maxLength: 30 });

    fc.assert(
      fc.property(secret, fc.array(noise, { minLength: 1, maxLength: 4 }), (value, parts) => {
        const text = parts.join(value) + encodeURIComponent(value) + JSON.stringify(value);
        expect(scrub(text, [value])).not.toContain(value);
      }),
    );
  });
});

describe("toDetail", () => {
  it("makes one line without Entra's trace, correlation and time stamps", () => {
    const message = [
      "invalid_client: Error(s): 7000215 - Timestamp: 2025-01-02 03:04:05Z - Description:",
      "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 3f9a1b2c-0000-4000-8000-000000000001",
      "Correlation ID: 3f9a1b2c-0000-4000-8000-000000000002 Timestamp: 2025-01-02 03:04:05Z",
    ].join("\n");

    expect(toDetail(message, [])).toBe(
      "invalid_client: Error(s): 7000215 - Description: AADSTS7000215: Invalid client secret provided.",
    );
  });

  it("is never longer than the limit and never carries the secret", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 400 }), (before, after) => {
        const detail = toDetail(`${before} ${SENTINEL}\n${after}`, [SENTINEL]);
        expect(detail.length).toBeLessThanOrEqual(DETAIL_LIMIT);
        expect(detail).not.toContain(SENTINEL);
      }),
    );
  });
});

describe("shorten", () => {
  it("keeps short text and cuts long text with an ellipsis", () => {
    expect(shorten("short", 10)).toBe("short");
    expect(shorten("a".repeat(20), 10)).toBe(`${"a".repeat(9)}…`);
  });
});
