import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A certificate and key issued by a test CA, as files a server can load. */
export interface IssuedCert {
  certPath: string;
  keyPath: string;
  cert: string;
}

export interface IssueOptions {
  /** DNS names for the subjectAltName; the first is also the common name. */
  dnsNames: string[];
  ipAddresses?: string[];
  /** `YYYYMMDDHHMMSSZ`; default: an hour ago. */
  notBefore?: string;
  /** `YYYYMMDDHHMMSSZ`; default: thirty days from now. */
  notAfter?: string;
}

export interface TestCa {
  dir: string;
  certPath: string;
  cert: string;
  issue(label: string, options: IssueOptions): IssuedCert;
  /** Deletes the CA's folder with every key and certificate it issued. Safe to call twice. */
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

function asn1Time(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
}

/**
 * Makes a throwaway certificate authority in a fresh temporary folder. Tests and the demo
 * create one per run, so no key material is committed and nothing outlives the run.
 * `openssl ca` is used for issuing because it is the only OpenSSL 3.0 command that takes
 * explicit validity dates, which the expired and not-yet-valid cases need.
 */
export function createTestCa(label = "redis-connector-check test CA"): TestCa {
  const dir = mkdtempSync(join(tmpdir(), "rcc-ca-"));
  openssl(
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      "2",
      "-subj",
      `/CN=${label}`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  writeFileSync(join(dir, "index.txt"), "");
  writeFileSync(join(dir, "serial"), "1000\n");
  writeFileSync(
    join(dir, "ca.cnf"),
    [
      "[ ca ]",
      "default_ca = test_ca",
      "[ test_ca ]",
      `dir = ${dir}`,
      "database = $dir/index.txt",
      "serial = $dir/serial",
      "new_certs_dir = $dir",
      "certificate = $dir/ca.crt",
      "private_key = $dir/ca.key",
      "default_md = sha256",
      "policy = any_policy",
      "unique_subject = no",
      "copy_extensions = copy",
      "[ any_policy ]",
      "commonName = supplied",
      "",
    ].join("\n"),
  );

  const certPath = join(dir, "ca.crt");
  return {
    dir,
    certPath,
    cert: readFileSync(certPath, "utf8"),
    issue(name, options) {
      const keyPath = join(dir, `${name}.key`);
      const csrPath = join(dir, `${name}.csr`);
      const issuedPath = join(dir, `${name}.crt`);
      const san = [
        ...options.dnsNames.map((dns) => `DNS:${dns}`),
        ...(options.ipAddresses ?? []).map((ip) => `IP:${ip}`),
      ].join(",");
      const commonName = options.dnsNames[0] ?? options.ipAddresses?.[0] ?? name;
      openssl(
        [
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          keyPath,
          "-out",
          csrPath,
          "-subj",
          `/CN=${commonName}`,
          "-addext",
          `subjectAltName=${san}`,
          "-addext",
          "extendedKeyUsage=serverAuth,clientAuth",
        ],
        dir,
      );
      const now = Date.now();
      openssl(
        [
          "ca",
          "-batch",
          "-notext",
          "-config",
          "ca.cnf",
          "-in",
          csrPath,
          "-out",
          issuedPath,
          "-startdate",
          options.notBefore ?? asn1Time(new Date(now - 3600_000)),
          "-enddate",
          options.notAfter ?? asn1Time(new Date(now + 30 * 86400_000)),
        ],
        dir,
      );
      return { certPath: issuedPath, keyPath, cert: readFileSync(issuedPath, "utf8") };
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { asn1Time };
