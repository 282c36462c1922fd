import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cacheHostName } from "../support/redis-server.js";
import { baseEnv, expectNoSecrets, runBuilt } from "../support/run-cli.js";
import { startTestWorld, type TestWorld } from "../support/test-world.js";

/** The install-footprint goals: what `npx` downloads, and what it unpacks. */
const MAX_PACKED_BYTES = 500_000;
const MAX_UNPACKED_BYTES = 2_000_000;

const root = fileURLToPath(new URL("../..", import.meta.url));
const { name, version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  version: string;
};

/** The part of `npm pack --json` this file reads. */
interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

let world: TestWorld;
let scratch: string;
let packed: PackResult;
let tarball: string;
let app: string;

// npm must never reach a registry here: the package has no dependencies to fetch.
const npmEnv = { ...process.env, npm_config_update_notifier: "false" };

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", env: npmEnv });
}

beforeAll(async () => {
  world = await startTestWorld();
  scratch = mkdtempSync(join(tmpdir(), "rcc-tarball-"));

  const report = JSON.parse(npm(["pack", "--json", "--pack-destination", scratch], root));
  packed = (report as PackResult[])[0] as PackResult;
  tarball = join(scratch, packed.filename);

  app = join(scratch, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{ "name": "empty-app", "private": true }\n');
  npm(["install", "--offline", "--no-audit", "--no-fund", tarball], app);
}, 120_000);

afterAll(async () => {
  await world?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("stays within the size goals and ships no sources, tests or source maps", () => {
    expect(packed.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
    expect(packed.unpackedSize).toBeLessThanOrEqual(MAX_UNPACKED_BYTES);

    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain("bin/redis-connector-check.js");
    expect(paths).toContain("dist/main.js");
    expect(paths.filter((path) => /^(src|test|bench|scripts)\/|\.map$/.test(path))).toEqual([]);
  });

  it("installs into an empty folder as exactly one package", () => {
    const lock = JSON.parse(readFileSync(join(app, "node_modules/.package-lock.json"), "utf8")) as {
      packages: Record<string, unknown>;
    };

    expect(Object.keys(lock.packages)).toEqual([`node_modules/${name}`]);
  });

  it("runs --version, --explain and a real probe from the installed command", async () => {
    const bin = join(app, "node_modules/.bin/redis-connector-check");
    const env = baseEnv({
      AZURE_REDIS_CONNECTIONSTRING: `rediss://:${world.accessKey}@${cacheHostName}:${world.redis.port}/0`,
    });
    const target = [
      "--resolve",
      `${cacheHostName}:${world.redis.port}:127.0.0.1`,
      "--ca-file",
      world.ca.certPath,
    ];

    const versionRun = await runBuilt(["--version"], env, { bin });
    const explain = await runBuilt(["--explain"], env, { bin });
    const probe = await runBuilt(["--json", ...target], env, { bin });

    expect(versionRun).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain(":***@");
    expect(probe.code, probe.stderr).toBe(0);
    expect(JSON.parse(probe.stdout)).toMatchObject({ ok: true, tool: { version } });
    for (const result of [versionRun, explain, probe]) expectNoSecrets(result, [world.accessKey]);
  });

  it("runs with npx from the tarball", () => {
    const output = npm(
      ["exec", "--offline", "--yes", "--package", tarball, "--", "redis-connector-check", "-V"],
      scratch,
    );

    expect(output.trim()).toBe(version);
  });
});
