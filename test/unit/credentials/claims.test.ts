import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { decodeClaims } from "../../../src/credentials/claims.js";
import { mintAccessToken } from "../../support/entra/tokens.js";

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (payload: unknown): string => `${encode({ alg: "RS256" })}.${encode(payload)}.c2ln`;

describe("decodeClaims", () => {
  it("reads the claims of an Entra-shaped token", () => {
    const identity = { kind: "user", clientId: "client-1", objectId: "object-1" } as const;
    const minted = mintAccessToken({
      identity,
      tenantId: "tenant-1",
      audience: "https://redis.azure.com",
      lifetimeSeconds: 3600,
    });

    const claims = decodeClaims(minted.token);

    expect(claims).toEqual({
      oid: "object-1",
      tid: "tenant-1",
      appid: "client-1",
      azp: "client-1",
      aud: "https://redis.azure.com",
      exp: minted.expiresOn.getTime() / 1000,
      iat: expect.any(Number),
    });
  });

  it("keeps only the listed claims, and only with the expected types", () => {
    const token = jwt({ oid: 42, tid: "t", exp: "soon", iat: 1_700_000_000, upn: "a@b", uti: "x" });

    expect(decodeClaims(token)).toEqual({ tid: "t", iat: 1_700_000_000 });
  });

  it.each([
    ["an empty string", ""],
    ["a plain word", "password"],
    ["two segments", "a.b"],
    ["four segments", `${jwt({ oid: "o" })}.extra`],
    ["a payload that is not JSON", "eyJhIjoxfQ.bm90IGpzb24.sig"],
    ["a payload that is an array", `h.${encode(["oid"])}.s`],
    ["a payload that is null", `h.${encode(null)}.s`],
    ["an empty payload", "h..s"],
  ])("returns {} for %s", (_label, token) => {
    expect(decodeClaims(token)).toEqual({});
  });

  it("never throws and never returns a key it does not know", () => {
    const known = new Set(["oid", "tid", "appid", "azp", "aud", "exp", "iat"]);
    const segment = fc.oneof(
      fc.string(),
      fc.base64String().map((text) => text.replace(/=+$/, "")),
      fc.jsonValue().map(encode),
      fc.dictionary(fc.constantFrom(...known, "upn", "__proto__"), fc.jsonValue()).map(encode),
    );
    const token = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(".")),
    );

    fc.assert(
      fc.property(token, (value) => {
        const claims = decodeClaims(value);
        expect(Object.keys(claims).every((key) => known.has(key))).toBe(true);
      }),
    );
  });

  it("returns {} when handed something that is not a string at all", () => {
    for (const value of [undefined, null, 7, {}, ["a.b.c"]]) {
      expect(decodeClaims(value as unknown as string)).toEqual({});
    }
  });
});
