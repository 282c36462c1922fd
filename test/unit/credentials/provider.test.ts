import { beforeEach, describe, expect, it, vi } from "vitest";

import type { TokenResult } from "../../../src/credentials/acquire-token.js";
import { CredentialError } from "../../../src/credentials/credential-error.js";
import { Secret } from "../../../src/plan/secret.js";
import { planFixture } from "../../support/plan-fixture.js";

const acquireToken = vi.hoisted(() => vi.fn<() => Promise<TokenResult>>());
vi.mock("../../../src/credentials/acquire-token.js", () => ({ acquireToken }));

const { entraCredentialProvider } = await import("../../../src/credentials/provider.js");

const NOW = Date.parse("2026-12-03T12:00:00Z");
const auth = planFixture({
  auth: { method: "user-assigned-identity", clientId: "client-1", password: undefined },
}).auth;

function token(claims: TokenResult["claims"], minutesLeft = 60): TokenResult {
  return {
    token: new Secret("eyJ.header.payload.signature-sentinel"),
    claims,
    expiresOn: new Date(NOW + minutesLeft * 60_000),
    source: "app-service",
  };
}

function provider(secrets: string[] = []) {
  return entraCredentialProvider({
    env: {},
    extraCa: [],
    onSecret: (value) => secrets.push(value),
    now: () => NOW,
  });
}

describe("entraCredentialProvider", () => {
  beforeEach(() => acquireToken.mockReset());

  it("uses the oid as username, hands the token on as a Secret and reports the claims", async () => {
    const secrets: string[] = [];
    acquireToken.mockResolvedValue(
      token({ oid: "oid-1", tid: "tid-1", azp: "client-1", aud: "https://redis.azure.com" }),
    );

    const credential = await provider(secrets)(auth, 1000, new AbortController().signal);

    expect(credential.username).toBe("oid-1");
    expect(credential.password.reveal()).toBe("eyJ.header.payload.signature-sentinel");
    expect(secrets).toEqual(["eyJ.header.payload.signature-sentinel"]);
    expect(credential.details).toMatchObject({
      source: "app-service",
      oid: "oid-1",
      tid: "tid-1",
      appid: "client-1",
      audience: "https://redis.azure.com",
      remainingMinutes: 60,
    });
    expect(JSON.stringify(credential.details)).not.toContain("signature-sentinel");
    expect(credential.warnings).toEqual([]);
  });

  it("warns about a foreign audience and a token about to expire", async () => {
    acquireToken.mockResolvedValue(token({ oid: "oid-1", aud: "https://management.azure.com" }, 2));

    const credential = await provider()(auth, 1000, new AbortController().signal);

    expect(credential.warnings).toHaveLength(2);
    expect(credential.warnings[0]).toContain("https://management.azure.com");
    expect(credential.warnings[1]).toContain("within minutes");
  });

  it("refuses a token without an oid, since Redis needs it as the username", async () => {
    acquireToken.mockResolvedValue(token({ aud: "https://redis.azure.com" }));

    const attempt = provider()(auth, 1000, new AbortController().signal);

    await expect(attempt).rejects.toBeInstanceOf(CredentialError);
    await expect(attempt).rejects.toMatchObject({ kind: "other" });
  });
});
