import {
  AuthenticationError,
  AuthenticationRequiredError,
  CredentialUnavailableError,
} from "@azure/identity";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { classifyFailure } from "../../../src/credentials/classify.js";
import type { FailureContext } from "../../../src/credentials/classify.js";
import { CredentialError } from "../../../src/credentials/credential-error.js";
import { WireLog } from "../../../src/credentials/wire-log.js";

const SENTINEL = "Sentinel~Secret.0123456789+/=";

function context(fields: Partial<FailureContext> = {}): FailureContext {
  return {
    method: "service-principal",
    source: "client-secret",
    wire: new WireLog(),
    timedOut: false,
    timeoutMs: 5000,
    byClientId: false,
    defaultImds: false,
    secrets: [SENTINEL],
    ...fields,
  };
}

function wireWith(fill: (wire: WireLog) => void): WireLog {
  const wire = new WireLog();
  fill(wire);
  return wire;
}

/** How msal-node words a server error, as @azure/identity passes it on. */
const msalServerError = (code: number, text: string): AuthenticationRequiredError =>
  new AuthenticationRequiredError({
    scopes: ["https://redis.azure.com/.default"],
    message: `invalid_client: Error(s): ${code} - Timestamp: 2025-01-02 03:04:05Z - Description: AADSTS${code}: ${text} Trace ID: 3f9a1b2c-0000-4000-8000-000000000001 - Correlation ID: 3f9a1b2c-0000-4000-8000-000000000002`,
  });

describe("classifyFailure", () => {
  it.each([
    [7000215, "invalid-client-secret"],
    [7000222, "expired-client-secret"],
    [90002, "wrong-tenant"],
    [700016, "unknown-application"],
    [70021, "federated-token-file"],
  ] as const)("maps AADSTS%s in a library message to %s", (code, kind) => {
    const error = classifyFailure(msalServerError(code, "Something was refused."), context());

    expect(error).toMatchObject({ kind, aadsts: `AADSTS${code}`, source: "client-secret" });
    expect(error.detail).toContain(`AADSTS${code}: Something was refused.`);
    expect(error.detail).not.toMatch(/Trace ID|Correlation ID|Timestamp/);
  });

  it("reads the code from an AuthenticationError's body", () => {
    const body = {
      error: "invalid_client",
      error_description: "AADSTS7000222: expired.",
      error_codes: [7000222],
    };

    const error = classifyFailure(new AuthenticationError(401, JSON.stringify(body)), context());

    expect(error).toMatchObject({ kind: "expired-client-secret", aadsts: "AADSTS7000222" });
  });

  it("prefers the Entra answer seen on the wire and quotes it", () => {
    const wire = wireWith((log) =>
      log.errorResponses.push({
        status: 400,
        target: "https://login.example/t/v2.0/.well-known/openid-configuration",
        error: "invalid_tenant",
        description: "AADSTS90002: Tenant 't' not found.",
        aadsts: "AADSTS90002",
      }),
    );
    const opaque = new CredentialUnavailableError(
      "endpoints_resolution_error: Endpoints cannot be resolved",
    );

    const error = classifyFailure(opaque, context({ wire }));

    expect(error).toMatchObject({ kind: "wrong-tenant", aadsts: "AADSTS90002" });
    expect(error.detail).toBe(
      "HTTP 400 from https://login.example/t/v2.0/.well-known/openid-configuration: invalid_tenant: AADSTS90002: Tenant 't' not found.",
    );
  });

  it("keeps an AADSTS code it has no remedy for", () => {
    const error = classifyFailure(msalServerError(50059, "No tenant information."), context());

    expect(error).toMatchObject({ kind: "other", aadsts: "AADSTS50059" });
  });

  it.each([
    [true, "unknown-client-id"],
    [false, "no-managed-identity"],
  ] as const)(
    "maps an identity the endpoint does not know (by client id: %s) to %s",
    (byClientId, kind) => {
      const library = new CredentialUnavailableError(
        "ManagedIdentityCredential: Authentication failed. Message : Error(s): Not Available - Description: Unable to load the proper Managed Identity.",
      );

      const error = classifyFailure(
        library,
        context({ method: "user-assigned-identity", source: "app-service", byClientId }),
      );

      expect(error.kind).toBe(kind);
    },
  );

  it("names a refused connection, or no managed identity when it is the real IMDS", () => {
    const wire = wireWith((log) =>
      log.transportFailures.push({
        code: "ECONNREFUSED",
        message: "connect ECONNREFUSED 127.0.0.1:1",
        target: "http://127.0.0.1:1/msi/token",
      }),
    );
    const library = new CredentialUnavailableError(
      "ManagedIdentityCredential: Network unreachable. Message: network_error",
    );
    const managed = { method: "system-assigned-identity", wire } as const;

    expect(classifyFailure(library, context(managed)).kind).toBe("endpoint-unreachable");
    expect(classifyFailure(library, context({ ...managed, defaultImds: true })).kind).toBe(
      "no-managed-identity",
    );
    expect(classifyFailure(library, context(managed)).detail).toBe(
      "connect ECONNREFUSED 127.0.0.1:1 (http://127.0.0.1:1/msi/token)",
    );
  });

  it("falls back to the library's words for a network failure it did not see", () => {
    const library = new CredentialUnavailableError(
      "ManagedIdentityCredential: Network unreachable. Message: network_error",
    );

    expect(classifyFailure(library, context({ method: "system-assigned-identity" })).kind).toBe(
      "endpoint-unreachable",
    );
  });

  it("calls a deadline a timeout and names the endpoint that stayed silent", () => {
    const wire = wireWith((log) => (log.lastTarget = "http://127.0.0.1:9/msi/token"));

    const error = classifyFailure(
      new Error("deadline reached"),
      context({ timedOut: true, wire, timeoutMs: 750 }),
    );

    expect(error.kind).toBe("timeout");
    expect(error.detail).toBe("no answer from http://127.0.0.1:9/msi/token within 750 ms");
  });

  it("treats a file error as a token file problem only for workload identity", () => {
    const missing = Object.assign(
      new Error("ENOENT: no such file or directory, open '/var/run/token'"),
      { code: "ENOENT" },
    );

    expect(classifyFailure(missing, context({ method: "workload-identity" })).kind).toBe(
      "federated-token-file",
    );
    expect(classifyFailure(missing, context({ method: "azure-cli" })).kind).toBe("other");
  });

  it("finds a file error wrapped as a cause", () => {
    const missing = Object.assign(new Error("no such file"), { code: "ENOENT" });
    const wrapped = new AuthenticationRequiredError({
      scopes: [],
      message: "failed",
      cause: missing,
    });

    expect(classifyFailure(wrapped, context({ method: "workload-identity" })).kind).toBe(
      "federated-token-file",
    );
  });

  it("maps a malformed tenant id to wrong-tenant", () => {
    const error = classifyFailure(
      new Error("Invalid tenant id provided. You can locate your tenant id..."),
      context(),
    );

    expect(error.kind).toBe("wrong-tenant");
  });

  it("passes a CredentialError through, adding the source it lacks", () => {
    const original = new CredentialError({
      kind: "other",
      detail: "a service principal needs its tenant id",
    });

    const error = classifyFailure(original, context());

    expect(error).toMatchObject({
      kind: "other",
      detail: original.detail,
      source: "client-secret",
    });
  });

  it("copes with things thrown that are not errors", () => {
    expect(classifyFailure("plain text", context()).detail).toBe("plain text");
    expect(classifyFailure(undefined, context()).kind).toBe("other");
  });

  it("never lets the secret into detail or message, wherever the library put it", () => {
    const placements = fc.constantFrom(
      (text: string) => new Error(text),
      (text: string) => new CredentialUnavailableError("wrapped", { cause: new Error(text) }),
      (text: string) =>
        new AuthenticationError(
          400,
          JSON.stringify({ error: "invalid_request", error_description: text }),
        ),
      (text: string) => msalServerError(7000215, text),
    );
    const sentence = fc.tuple(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }));
    const spelled = fc.constantFrom(
      SENTINEL,
      encodeURIComponent(SENTINEL),
      JSON.stringify(SENTINEL),
    );

    fc.assert(
      fc.property(placements, sentence, spelled, (place, [before, after], secret) => {
        const error = classifyFailure(place(`${before}${secret}${after}`), context());
        for (const form of [SENTINEL, encodeURIComponent(SENTINEL)]) {
          expect(error.detail).not.toContain(form);
          expect(error.message).not.toContain(form);
        }
        expect(error.detail.length).toBeLessThanOrEqual(300);
      }),
    );
  });
});
