import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectFailure, readReport } from "../../support/fault-report.js";
import { probeLocalCache } from "../../support/probe-local-cache.js";
import { cacheHostName, startRedisServer, type RedisServer } from "../../support/redis-server.js";
import { type CliResult } from "../../support/run-cli.js";
import { asn1Time, createTestCa, type IssueOptions, type TestCa } from "../../support/test-ca.js";
import { sentinelAccessKey } from "../../support/test-world.js";

const DAY_MS = 86_400_000;

/** A validity window relative to now, in days (negative is in the past). */
function validity(fromDays: number, toDays: number): Pick<IssueOptions, "notBefore" | "notAfter"> {
  const now = Date.now();
  return {
    notBefore: asn1Time(new Date(now + fromDays * DAY_MS)),
    notAfter: asn1Time(new Date(now + toDays * DAY_MS)),
  };
}

let ca: TestCa;
let strangerCa: TestCa;
const servers: Record<string, RedisServer> = {};

/** A TLS server whose certificate `issuer` makes with `options`, for the cache's name. */
async function serverWith(
  issuer: TestCa,
  label: string,
  options: Partial<IssueOptions>,
): Promise<RedisServer> {
  const cert = issuer.issue(label, {
    dnsNames: [cacheHostName],
    ipAddresses: ["127.0.0.1"],
    ...options,
  });
  return startRedisServer({ ca: issuer, cert, accessKey: sentinelAccessKey });
}

beforeAll(async () => {
  ca = createTestCa();
  strangerCa = createTestCa("a CA nobody trusts");

  const started = await Promise.all([
    serverWith(ca, "expired", validity(-10, -1)),
    serverWith(ca, "not-yet-valid", validity(1, 30)),
    serverWith(ca, "other-name", { dnsNames: ["other.example.net"], ipAddresses: [] }),
    serverWith(strangerCa, "stranger", {}),
    serverWith(ca, "expiring", validity(-1, 5)),
  ]);
  [servers.expired, servers.notYetValid, servers.otherName, servers.stranger, servers.expiring] =
    started;
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.stop()));
  ca?.remove();
  strangerCa?.remove();
});

function probe(server: RedisServer | undefined): Promise<CliResult> {
  return probeLocalCache({ port: server?.port ?? 0, caPath: ca.certPath });
}

describe("fault catalogue: server certificates", () => {
  it("names an expired certificate as certificate-expired", async () => {
    const result = await probe(servers.expired);

    expectFailure(result, {
      exitCode: 5,
      category: "tls",
      cause: "certificate-expired",
      hint: "Check this machine's clock",
      message: "is expired",
    });
  });

  it("names a certificate from the future as certificate-not-yet-valid", async () => {
    const result = await probe(servers.notYetValid);

    expectFailure(result, {
      exitCode: 5,
      category: "tls",
      cause: "certificate-not-yet-valid",
      hint: "Check this machine's clock",
      message: "is not yet valid",
    });
  });

  it("names a certificate for another host as host-name-mismatch, listing its names", async () => {
    const result = await probe(servers.otherName);

    expectFailure(result, {
      exitCode: 5,
      category: "tls",
      cause: "host-name-mismatch",
      hint: "--resolve HOST:PORT:ADDRESS",
      message: `not for ${cacheHostName}; it names DNS:other.example.net`,
    });
  });

  it("names a certificate from an unknown CA as untrusted-certificate", async () => {
    const result = await probe(servers.stranger);

    expectFailure(result, {
      exitCode: 5,
      category: "tls",
      cause: "untrusted-certificate",
      hint: /--ca-file PATH or NODE_EXTRA_CA_CERTS/,
      message: "is not trusted",
    });
  });

  it("passes with a certificate that expires in 5 days, and warns about it", async () => {
    const result = await probe(servers.expiring);

    expect(result.code).toBe(0);
    const report = readReport(result);
    expect(report.ok).toBe(true);
    expect(report.warnings.join("\n")).toMatch(/certificate expires in [45] days/);
  });
});
