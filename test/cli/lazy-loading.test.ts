import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cacheHostName } from "../support/redis-server.js";
import { baseEnv, runBuilt } from "../support/run-cli.js";
import { startTestWorld, type TestWorld } from "../support/test-world.js";

/**
 * A string each heavy library carries through minification, so a bundle file that holds the
 * library can be recognised without knowing how the bundler named it.
 */
const markers = {
  ioredis: "ioredis:command",
  "@azure/identity (msal-node)": "@azure/msal-node",
  chalk: "bgBlackBright",
  ora: "dots12",
} as const;

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));
const recorder = fileURLToPath(new URL("../support/load-recorder.mjs", import.meta.url));

let world: TestWorld;
let scratch: string;
let runs = 0;

beforeAll(async () => {
  world = await startTestWorld();
  scratch = mkdtempSync(join(tmpdir(), "rcc-loads-"));
});

afterAll(async () => {
  await world?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs the built command and returns the text of every bundle file it loaded. */
async function loadedFiles(argv: string[], env: Record<string, string> = {}): Promise<string[]> {
  const record = join(scratch, `loads-${++runs}.txt`);
  const result = await runBuilt(argv, baseEnv({ ...env, RECORD_LOADS_TO: record }), {
    preload: [recorder],
  });
  expect(result.code, result.stderr).toBe(0);

  const urls = readFileSync(record, "utf8").split("\n").filter(Boolean);
  return urls
    .map((url) => fileURLToPath(url))
    .filter((path) => path.startsWith(dist))
    .map((path) => readFileSync(path, "utf8"));
}

function librariesIn(files: readonly string[]): string[] {
  return Object.entries(markers)
    .filter(([, marker]) => files.some((text) => text.includes(marker)))
    .map(([library]) => library);
}

function keyEnv(): Record<string, string> {
  return {
    AZURE_REDIS_CONNECTIONSTRING: `rediss://:${world.accessKey}@${cacheHostName}:${world.redis.port}/0`,
  };
}

describe("what the built command loads", () => {
  it("has every heavy library somewhere in the bundle", () => {
    const files = readdirSync(dist, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".js"))
      .map((name) => readFileSync(join(dist, name), "utf8"));

    expect(librariesIn(files)).toEqual(Object.keys(markers));
  });

  it.each([[["--version"]], [["--help"]], [["--explain"]], [["--explain", "--json"]]])(
    "%j loads none of ioredis, @azure/identity, chalk or ora",
    async (argv) => {
      expect(librariesIn(await loadedFiles(argv, keyEnv()))).toEqual([]);
    },
  );

  it("loads ioredis, but not @azure/identity, chalk or ora, for a key-based probe", async () => {
    const resolve = `${cacheHostName}:${world.redis.port}:127.0.0.1`;
    const argv = ["--resolve", resolve, "--ca-file", world.ca.certPath];

    expect(librariesIn(await loadedFiles(argv, keyEnv()))).toEqual(["ioredis"]);
  });
});
