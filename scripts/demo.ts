/**
 * Shows the CLI at work against a throwaway TLS redis-server on this machine: one run for each
 * way an app can be given an access key, a read-only run as a reader user, then one run per
 * Microsoft Entra identity method against local Entra stand-ins, and two runs that are meant
 * to fail.
 *
 * Run after a build: `tsx scripts/demo.ts`. Nothing leaves 127.0.0.1: the cache's host name is
 * mapped there with `--resolve`, the server's certificate comes from a test CA made now, and
 * every token comes from a stand-in on loopback.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { cacheHostName } from "../test/support/redis-server.js";
import { startTestWorld } from "../test/support/test-world.js";
import type { TestWorld } from "../test/support/test-world.js";
import { startIdentityDemo } from "./demo-identity-cases.js";
import type { IdentityDemo } from "./demo-identity-cases.js";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const cliPath = join(repoRoot, "bin", "redis-connector-check.js");
const cliTimeoutMs = 60_000;

export interface DemoCase {
  title: string;
  env: Record<string, string>;
  extraArgs?: string[];
  /** The exit code that counts as a pass; 0 unless the case shows a failure on purpose. */
  expectedExit?: number;
}

function keyCases(world: TestWorld): DemoCase[] {
  const host = cacheHostName;
  const port = String(world.redis.port);
  const key = world.accessKey;
  const reader = world.users.reader;

  return [
    {
      title: "Connection string, StackExchange.Redis form (.NET)",
      env: {
        AZURE_REDIS_CONNECTIONSTRING: `${host}:${port},password=${key},ssl=True,defaultDatabase=0`,
      },
    },
    {
      title: "Connection string, rediss:// form (Java, Python, Go, Node.js)",
      env: { AZURE_REDIS_CONNECTIONSTRING: `rediss://:${key}@${host}:${port}/0` },
    },
    {
      title: "Separate variables (client type None)",
      env: {
        AZURE_REDIS_HOST: host,
        AZURE_REDIS_PORT: port,
        AZURE_REDIS_PASSWORD: key,
        AZURE_REDIS_SSL: "true",
        AZURE_REDIS_DATABASE: "0",
      },
    },
    {
      title: "Spring Boot 3 variables",
      env: {
        SPRING_DATA_REDIS_HOST: host,
        SPRING_DATA_REDIS_PORT: port,
        SPRING_DATA_REDIS_PASSWORD: key,
        SPRING_DATA_REDIS_SSL_ENABLED: "true",
      },
    },
    {
      title: "Read-only check as a Data Reader user",
      env: {
        AZURE_REDIS_CONNECTIONSTRING: `rediss://${reader.name}:${reader.password}@${host}:${port}/0`,
      },
      extraArgs: ["--read-only"],
    },
  ];
}

/**
 * Settings of the developer's own machine that would point the CLI at a real cache or a real
 * identity endpoint: Service Connector and Spring variables, and those @azure/identity and
 * msal-node read by themselves. Proxies go too: they would carry token requests off loopback,
 * where the authority stand-in's CA from --ca-file no longer applies.
 */
const INHERITED_PREFIXES = /^(AZURE|IDENTITY|MSI|IMDS|SPRING|MSAL)_/i;
const INHERITED_NAMES = /^(DEFAULT_IDENTITY_CLIENT_ID|REGION_NAME|(HTTPS?|ALL|NO)_PROXY)$/i;

/** The parent's environment without those settings, plus the case's own variables. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!INHERITED_PREFIXES.test(name) && !INHERITED_NAMES.test(name)) {
      env[name] = value;
    }
  }
  return { ...env, ...extra };
}

interface CliRun {
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Ends the CLI early, when the demo itself is interrupted. */
  signal: AbortSignal;
}

/** Runs the CLI with its output going straight to this terminal; resolves its exit code. */
function runCli(run: CliRun): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...run.args], {
      cwd: run.cwd,
      env: run.env,
      signal: run.signal,
      stdio: ["ignore", "inherit", "inherit"],
    });

    const timer = setTimeout(() => {
      console.error(`(no result after ${cliTimeoutMs / 1000} s; stopping the CLI)`);
      child.kill("SIGTERM");

      // Every wait is bounded, even on a CLI that ignores SIGTERM.
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    }, cliTimeoutMs);

    child.once("error", (error) => {
      clearTimeout(timer);
      if (error.name !== "AbortError") {
        console.error(`could not start the CLI: ${error.message}`);
      }
      resolve(1);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/** Runs every case in turn, whatever the previous one did; resolves how many passed. */
async function runCases(
  world: TestWorld,
  cases: DemoCase[],
  cwd: string,
  signal: AbortSignal,
): Promise<number> {
  const commonArgs = [
    "--resolve",
    `${cacheHostName}:${world.redis.port}:127.0.0.1`,
    "--ca-file",
    world.ca.certPath,
  ];
  let passed = 0;

  for (const [index, demoCase] of cases.entries()) {
    if (signal.aborted) {
      break;
    }

    const args = [...commonArgs, ...(demoCase.extraArgs ?? [])];
    console.log(`\n=== ${index + 1}/${cases.length} ${demoCase.title} ===`);
    console.log(`variables: ${Object.keys(demoCase.env).join(", ")}`);
    console.log(`$ redis-connector-check ${args.join(" ")}\n`);

    const exitCode = await runCli({ args, env: childEnv(demoCase.env), cwd, signal });
    if (signal.aborted) {
      break;
    }

    const expected = demoCase.expectedExit ?? 0;
    console.log(`\n-> ${verdict(exitCode, expected)}`);
    if (exitCode === expected) {
      passed += 1;
    }
  }
  return passed;
}

function verdict(exitCode: number, expected: number): string {
  if (exitCode !== expected) {
    return `exit code ${exitCode} (failed: expected ${expected})`;
  }
  return expected === 0 ? "exit code 0" : `exit code ${exitCode}, as expected`;
}

async function main(): Promise<number> {
  if (!existsSync(cliPath)) {
    console.error(`${relative(repoRoot, cliPath)} is missing; build the CLI first.`);
    return 1;
  }

  console.log("Starting a throwaway TLS redis-server on 127.0.0.1 ...");
  const world = await startTestWorld();
  let identity: IdentityDemo | undefined;

  // An empty working folder, so no .env or application.properties lying around the
  // repository feeds the CLI settings the demo did not choose.
  const cwd = mkdtempSync(join(tmpdir(), "rcc-demo-"));
  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      await identity?.close();
      await world.stop();
      rmSync(cwd, { recursive: true, force: true });
    })());

  // A Ctrl-C in a terminal reaches the CLI and redis-server as well, but a SIGINT sent to this
  // process alone does not; either way the CLI, the server, the Entra stand-ins and the
  // temporary folders must go.
  const interrupted = new AbortController();
  const onInterrupt = (): void => {
    console.error("\nInterrupted; stopping the demo servers.");
    interrupted.abort();
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", onInterrupt);

  try {
    console.log(
      `redis-server ${world.redis.host}:${world.redis.port} (TLS), pid ${world.redis.pid}`,
    );
    identity = await startIdentityDemo(world);
    console.log("Microsoft Entra stand-ins: App Service identity endpoint, IMDS, authority");

    const cases = [...keyCases(world), ...identity.cases];
    const passed = await runCases(world, cases, cwd, interrupted.signal);
    if (interrupted.signal.aborted) {
      return 130;
    }

    const leftovers = await world.redis.probeKeys();
    if (leftovers.length > 0) {
      console.log(`\nProbe keys left behind on the server: ${leftovers.join(", ")}`);
    }

    const note = leftovers.length > 0 ? "; probe keys left behind" : "";
    console.log(`\n${passed}/${cases.length} cases passed${note}`);
    return passed === cases.length && leftovers.length === 0 ? 0 : 1;
  } finally {
    process.off("SIGINT", onInterrupt);
    await cleanUp();
  }
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
