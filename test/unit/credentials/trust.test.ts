import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";

import { afterAll, describe, expect, it } from "vitest";

import { trustSettings } from "../../../src/credentials/trust.js";

const EXTRA = "-----BEGIN CERTIFICATE-----\nZXh0cmE=\n-----END CERTIFICATE-----\n";
const FROM_ENV = "-----BEGIN CERTIFICATE-----\nZW52\n-----END CERTIFICATE-----\n";

describe("trustSettings", () => {
  const dir = mkdtempSync(join(tmpdir(), "rcc-trust-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves Node's defaults alone when no CA was added", () => {
    expect(trustSettings(undefined, {})).toBeUndefined();
    expect(trustSettings([], {})).toBeUndefined();
  });

  it("adds the extra CAs to the bundled roots, which `ca` would otherwise replace", () => {
    const settings = trustSettings([EXTRA], {});

    expect(settings?.ca).toEqual([...rootCertificates, EXTRA]);
  });

  it("keeps the CAs of NODE_EXTRA_CA_CERTS, and ignores the variable when unreadable", () => {
    const file = join(dir, "extra.pem");
    writeFileSync(file, FROM_ENV);

    expect(trustSettings([EXTRA], { NODE_EXTRA_CA_CERTS: file })?.ca.slice(-2)).toEqual([
      FROM_ENV,
      EXTRA,
    ]);
    expect(
      trustSettings([EXTRA], { NODE_EXTRA_CA_CERTS: join(dir, "absent.pem") })?.ca.at(-1),
    ).toBe(EXTRA);
  });
});
