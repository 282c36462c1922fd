import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { median } from "./summary.js";
import type { BenchWorld } from "./world.js";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** How many PINGs each run times, and how many interleaved runs of each there are. */
const PINGS = 2000;
const ROUNDS = 7;

interface Runner {
  name: string;
  file: string;
  args: string[];
  env: Record<string, string>;
  /** Reads the p50 in milliseconds from what the program printed. */
  p50: (stdout: string) => number;
}

function output(runner: Runner): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(runner.file, runner.args, { env: runner.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${runner.name} exited ${code}: ${stderr}`)),
    );
  });
}

/** redis-benchmark's CSV has a row per test; PING_MBULK is the PING a client library sends. */
function benchmarkP50(stdout: string): number {
  const row = stdout.split("\n").find((line) => line.startsWith('"PING_MBULK"'));
  const header = stdout.split("\n")[0]?.split(",") ?? [];
  const column = header.findIndex((name) => name.includes("p50"));
  const value = row?.split(",")[column]?.replace(/"/g, "");
  if (!value) throw new Error(`no PING_MBULK p50 in redis-benchmark output:\n${stdout}`);

  return Number(value);
}

function runners(world: BenchWorld): Runner[] {
  const port = String(world.redis.port);
  const base = { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_EXTRA_CA_CERTS: world.caFile };
  const uri = `rediss://:${world.accessKey}@${world.serverName}:${port}/0`;

  return [
    {
      name: `check --count ${PINGS} --interval 0`,
      file: process.execPath,
      args: [
        here("../bin/redis-connector-check.js"),
        ...["--json", "--count", String(PINGS), "--interval", "0"],
        ...["--resolve", `${world.serverName}:${port}:127.0.0.1`],
      ],
      env: { ...base, AZURE_REDIS_CONNECTIONSTRING: uri },
      p50: (stdout) => (JSON.parse(stdout) as { latency: { p50: number } }).latency.p50,
    },
    {
      name: "bare ioredis PING loop",
      file: process.execPath,
      args: [here("baselines/ioredis-ping-loop.mjs")],
      env: {
        ...base,
        BENCH_PORT: port,
        BENCH_ACCESS_KEY: world.accessKey,
        BENCH_SERVERNAME: world.serverName,
        BENCH_PINGS: String(PINGS),
      },
      p50: (stdout) => Number(stdout.trim()),
    },
    {
      name: `redis-benchmark -c 1 -n ${PINGS} -t ping`,
      file: "redis-benchmark",
      args: [
        ...["--tls", "--cacert", world.caFile, "--sni", world.serverName],
        ...["-h", "127.0.0.1", "-p", port, "-a", world.accessKey],
        ...["-c", "1", "-n", String(PINGS), "-t", "ping", "--csv"],
      ],
      env: base,
      p50: benchmarkP50,
    },
  ];
}

/**
 * PING p50 of the checker's sampling next to a bare ioredis loop and redis-benchmark, on the
 * same server, interleaved so that machine noise falls on all three alike.
 */
export async function latencyTable(world: BenchWorld): Promise<string> {
  const all = runners(world);
  const p50s = new Map(all.map((r) => [r.name, [] as number[]]));

  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < all.length; i++) {
      const runner = all[(round + i) % all.length];
      if (runner) p50s.get(runner.name)?.push(runner.p50(await output(runner)));
    }
  }

  const medians = all.map((r) => ({ name: r.name, p50: median(p50s.get(r.name) ?? []) }));
  const tool = medians[0]?.p50 ?? NaN;
  const rows = medians.map(
    ({ name, p50 }) => `| ${name} | ${p50.toFixed(3)} | ${(tool / p50).toFixed(2)}x |`,
  );
  return [
    `PING p50, ${PINGS} sequential PINGs per run, median of ${ROUNDS} interleaved runs:\n`,
    "| command | p50 ms | checker ÷ this |",
    "|---|---:|---:|",
    ...rows,
    "\nGoal: the checker's p50 at most 1.1x the bare ioredis loop's.",
  ].join("\n");
}
