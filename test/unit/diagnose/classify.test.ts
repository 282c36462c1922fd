import fc from "fast-check";
import { ReplyError } from "ioredis";
import { describe, expect, it } from "vitest";

import { EXIT_CODES } from "../../../src/diagnose/categories.js";
import { CAUSES } from "../../../src/diagnose/causes.js";
import { DnsError } from "../../../src/probe/dns/resolver.js";
import { classifyFailure } from "../../../src/diagnose/classify.js";
import { UnexpectedReplyError } from "../../../src/probe/commands.js";
import { DeadlineError } from "../../../src/probe/deadline.js";
import type { PhaseName } from "../../../src/probe/types.js";
import { planFixture } from "../../support/plan-fixture.js";

function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

function classify(phase: PhaseName, error: unknown, evidence = {}, plan = planFixture()) {
  return classifyFailure({ phase, error, evidence }, plan);
}

describe("classifyFailure", () => {
  it.each([
    ["dns", new DnsError("NXDOMAIN", "x", "10.0.0.2", "ENOTFOUND"), "network", "dns-not-found"],
    ["dns", new DnsError("SERVFAIL", "x", "10.0.0.2", "ESERVFAIL"), "network", "dns-servfail"],
    ["dns", new DnsError("TIMEOUT", "x", null, "ETIMEOUT"), "network", "dns-timeout"],
    ["dns", new DeadlineError("dns", 1000), "network", "dns-timeout"],
    ["tcp", nodeError("ECONNREFUSED"), "network", "connection-refused"],
    ["tcp", nodeError("ECONNRESET"), "network", "connection-reset"],
    ["tcp", nodeError("EHOSTUNREACH"), "network", "unreachable"],
    ["tcp", new DeadlineError("tcp", 1000), "network", "connect-timeout"],
    ["tls", nodeError("SELF_SIGNED_CERT_IN_CHAIN"), "tls", "untrusted-certificate"],
    ["tls", nodeError("ERR_TLS_CERT_ALTNAME_INVALID"), "tls", "host-name-mismatch"],
    ["tls", nodeError("CERT_HAS_EXPIRED"), "tls", "certificate-expired"],
    ["tls", nodeError("CERT_NOT_YET_VALID"), "tls", "certificate-not-yet-valid"],
    ["auth", new ReplyError("WRONGPASS invalid username-password pair"), "auth", "wrongpass"],
    ["auth", new ReplyError("NOAUTH Authentication required."), "auth", "noauth"],
    [
      "set",
      new ReplyError("NOPERM User r has no permissions to run 'set'"),
      "permission",
      "noperm",
    ],
    [
      "set",
      new ReplyError("READONLY You can't write against a read only replica."),
      "permission",
      "readonly-replica",
    ],
    [
      "set",
      new ReplyError("OOM command not allowed when used memory > 'maxmemory'."),
      "permission",
      "out-of-memory",
    ],
    [
      "ping",
      new ReplyError("LOADING Redis is loading the dataset in memory"),
      "permission",
      "loading",
    ],
    ["set", new ReplyError("MOVED 1234 10.0.0.5:6380"), "permission", "clustered-cache"],
    [
      "set",
      new ReplyError("CROSSSLOT Keys in request don't hash to the same slot"),
      "permission",
      "crossslot",
    ],
    ["ping", new ReplyError("BUSY Redis is busy running a script."), "permission", "busy"],
    ["auth", new ReplyError("ERR invalid password"), "auth", "wrongpass"],
    ["auth", new ReplyError("ERR max number of clients reached"), "network", "max-clients"],
    ["select", new ReplyError("ERR DB index is out of range"), "config", "database-out-of-range"],
    ["get", new UnexpectedReplyError("GET", "abc", "xyz"), "permission", "unexpected-reply"],
    ["get", new DeadlineError("get", 1000), "network", "reply-timeout"],
  ] as const)("%s %s → %s/%s", (phase, error, category, cause) => {
    const failure = classify(phase, error);

    expect(failure.category).toBe(category);
    expect(failure.cause).toBe(cause);
    expect(failure.docs).toBe(`docs/troubleshooting.md#${cause}`);
    expect(CAUSES[cause]).toBe(category);
    expect(failure.hint.length).toBeGreaterThan(20);
  });

  it("tells a plain-text port from a silent one after a stalled handshake", () => {
    const stalled = new DeadlineError("tls", 1000);

    const plain = classify("tls", stalled, { plainTextRedis: true });
    const silent = classify("tls", stalled, { plainTextSilent: true });

    expect(plain.category).toBe("tls");
    expect(plain.hint).toContain("speaks plain text");
    expect(silent.category).toBe("network");
    expect(silent.cause).toBe("no-answer");
  });

  it("says a dropped plain-text connection means TLS only when the port answered TLS", () => {
    const closed = new Error("Connection is closed.");
    const plan = planFixture({ target: { tls: false } });

    const tlsPort = classify("auth", closed, { tlsOnPort: true }, plan);
    const otherwise = classify("auth", closed, { tlsOnPort: false }, plan);

    expect(tlsPort).toMatchObject({ category: "tls", cause: "port-speaks-tls" });
    expect(otherwise).toMatchObject({ category: "network", cause: "connection-closed" });
  });

  it("blames an expired Entra token when the server hangs up after AUTH", () => {
    const plan = planFixture({ auth: { method: "system-assigned-identity", username: "oid" } });

    const failure = classify("ping", new Error("Connection is closed."), {}, plan);

    expect(failure).toMatchObject({ category: "auth", cause: "closed-after-auth" });
    expect(failure.hint).toContain("token has expired");
  });

  it("names the eviction policy after OOM when it could be read", () => {
    const oom = new ReplyError("OOM command not allowed when used memory > 'maxmemory'.");

    const failure = classify("set", oom, { maxmemoryPolicy: "noeviction" });

    expect(failure.message).toContain("maxmemory-policy noeviction");
  });

  it("gives an Entra WRONGPASS the access-policy hint with the oid filled in", () => {
    const plan = planFixture({
      auth: { method: "user-assigned-identity", username: "1111-oid", password: undefined },
    });

    const failure = classify("auth", new ReplyError("WRONGPASS invalid"), {}, plan);

    expect(failure.category).toBe("auth");
    expect(failure.hint).toContain("az redis access-policy-assignment create --name mycache");
    expect(failure.hint).toContain("--object-id 1111-oid");
    expect(failure.hint).toContain("<RESOURCE_GROUP>");
  });

  it("calls anything unrecognised internal, which maps to exit 1", () => {
    const failure = classify("ping", new TypeError("x is not a function"));

    expect(failure.category).toBe("internal");
    expect(EXIT_CODES[failure.category]).toBe(1);
  });

  it("never throws and always names a category and a hint, whatever it is fed", () => {
    const phases = [
      "dns",
      "tcp",
      "tls",
      "credential",
      "auth",
      "select",
      "ping",
      "set",
      "get",
      "del",
    ];
    const anyError = fc.oneof(
      fc.string().map((s) => new ReplyError(s)),
      fc.record({ code: fc.string(), message: fc.string() }),
      fc.string().map((s) => nodeError(s, s)),
      fc.anything(),
    );
    const evidence = fc.record({ plainTextRedis: fc.boolean(), plainTextSilent: fc.boolean() });

    fc.assert(
      fc.property(fc.constantFrom(...phases), anyError, evidence, (phase, error, seen) => {
        const failure = classify(phase as PhaseName, error, seen);
        expect(Object.keys(EXIT_CODES)).toContain(failure.category);
        expect(CAUSES).toHaveProperty([failure.cause], failure.category);
        expect(failure.hint.length).toBeGreaterThan(0);
        expect(failure.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
