import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { median } from "./summary.js";

const run = promisify(execFile);
const timer = fileURLToPath(new URL("import-time.mjs", import.meta.url));
const dist = new URL("../dist/", import.meta.url);

/** The bundle chunk whose name starts with `prefix` (names carry a content hash). */
function chunk(prefix: string): string {
  const name = readdirSync(new URL("chunks/", dist)).find((file) => file.startsWith(prefix));
  if (!name) throw new Error(`dist/chunks has no ${prefix}*.js; run npm run build`);

  return new URL(`chunks/${name}`, dist).href;
}

/** What each library costs to import, from node_modules and from the bundle. */
function pairs(): [string, string][] {
  return [
    ["ioredis", "ioredis"],
    ["bundle: probe chunk (ioredis inside)", chunk("check-")],
    ["@azure/identity", "@azure/identity"],
    ["bundle: Azure SDK chunk", chunk("azure-sdk-")],
    ["commander", "commander"],
    ["bundle: dist/main.js (commander, plan, report)", new URL("main.js", dist).href],
  ];
}

async function importMs(specifier: string): Promise<number> {
  const { stdout } = await run(process.execPath, [timer, specifier], {
    env: { PATH: process.env.PATH ?? "" },
  });
  return Number(stdout.trim());
}

/**
 * Import timings, each in a fresh process: where start-up time goes, library by library,
 * and what bundling changes about it. Runs are interleaved like the main benchmark's.
 */
export async function importTable(runs: number): Promise<string> {
  const targets = pairs();
  const samples = targets.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) {
    for (const [index, [, specifier]] of targets.entries()) {
      samples[index]?.push(await importMs(specifier));
    }
  }

  const rows = targets.map(
    ([label], index) => `| ${label} | ${median(samples[index] ?? []).toFixed(1)} |`,
  );
  return ["| import | median ms |", "| --- | ---: |", ...rows].join("\n");
}
