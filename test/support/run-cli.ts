import { spawn } from "node:child_process";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";

import { expect } from "vitest";

import { run, type CliIo } from "../../src/cli/run.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A stream that keeps what is written to it, standing in for stdout or stderr. */
class Capture extends Writable {
  text = "";

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** A clean environment: no AZURE_* or SPRING_* leaks in from the machine running the tests. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", CI: "true", ...extra };
}

/** Runs the command in this process, with its own environment and captured streams. */
export async function runInProcess(
  argv: readonly string[],
  env: Record<string, string>,
  extra: Partial<CliIo> = {},
): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const started = performance.now();

  const code = await run(argv, { env, stdout, stderr, ...extra });

  return { code, stdout: stdout.text, stderr: stderr.text, ms: performance.now() - started };
}

const binPath = fileURLToPath(new URL("../../bin/redis-connector-check.js", import.meta.url));
const loopbackGuard = fileURLToPath(new URL("./loopback-only.mjs", import.meta.url));
const guardMarker = "LOOPBACK-GUARD";

export interface BuiltOptions {
  /** The command's script; default: bin/ of this checkout. */
  bin?: string;
  /** Further modules to preload with --import, after the loopback guard. */
  preload?: readonly string[];
}

/**
 * Runs the built command as a separate process, as a user or a pipeline would, with a
 * preload that blocks every connection off loopback; a blocked attempt fails the test.
 */
export async function runBuilt(
  argv: readonly string[],
  env: Record<string, string>,
  options: BuiltOptions = {},
): Promise<CliResult> {
  const imports = [loopbackGuard, ...(options.preload ?? [])].map((path) => `--import ${path}`);
  const result = await spawnBuilt(options.bin ?? binPath, argv, {
    ...env,
    NODE_OPTIONS: imports.join(" "),
  });
  expect(result.stderr, "the command tried to leave loopback").not.toContain(guardMarker);
  return result;
}

function spawnBuilt(
  bin: string,
  argv: readonly string[],
  env: Record<string, string>,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...argv], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) =>
      resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - started }),
    );
  });
}

/** Fails the test if any secret, raw or URI-encoded, shows up in either output stream. */
export function expectNoSecrets(result: CliResult, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      expect(result.stdout, "stdout leaks a secret").not.toContain(form);
      expect(result.stderr, "stderr leaks a secret").not.toContain(form);
    }
  }
}
