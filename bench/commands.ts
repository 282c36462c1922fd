import { fileURLToPath } from "node:url";

import type { BenchWorld } from "./world.js";

/** One process the benchmark starts: what to run, with which environment and input. */
export interface Command {
  /** Short label for the tables. */
  name: string;
  file: string;
  args: string[];
  env: Record<string, string>;
  /** Text written to the process's standard input (redis-cli reads its commands there). */
  input?: string;
  /** Node processes get the peak-memory preload; other programs are timed only. */
  node: boolean;
}

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const bin = here("../bin/redis-connector-check.js");

/** The environment every process starts from: nothing of the machine's own settings. */
function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp" };
}

function node(name: string, args: string[], env: Record<string, string> = {}): Command {
  return { name, file: process.execPath, args, env: { ...baseEnv(), ...env }, node: true };
}

/**
 * Every command the benchmark times: the checker's runs and, next to each, the baseline it
 * is compared with, plus redis-cli as a reference point for the network part alone.
 *
 * The probes trust the test CA through NODE_EXTRA_CA_CERTS, which extends the system store
 * the way a real cache's public certificate is trusted: no `ca` option anywhere. One extra
 * run shows what --ca-file costs on top (see docs/performance.md).
 */
export function benchCommands(world: BenchWorld): Command[] {
  const port = String(world.redis.port);
  const resolve = ["--resolve", `${world.serverName}:${port}:127.0.0.1`];
  const keyUri = `rediss://:${world.accessKey}@${world.serverName}:${port}/0`;
  const trust = { NODE_EXTRA_CA_CERTS: world.caFile };
  const settings = { AZURE_REDIS_CONNECTIONSTRING: keyUri };
  const key = { ...trust, ...settings };
  const identity = { ...trust, ...world.identityEnv, AZURE_REDIS_HOST: world.serverName };
  const plain = {
    ...trust,
    BENCH_PORT: port,
    BENCH_ACCESS_KEY: world.accessKey,
    BENCH_SERVERNAME: world.serverName,
  };

  return [
    node("node -e 0", ["-e", "0"]),
    node("check --version", [bin, "--version"]),
    node("check --help", [bin, "--help"]),
    node("check --explain", [bin, "--explain"], settings),
    node("check, access key", [bin, ...resolve], key),
    node("check, access key, --ca-file", [bin, ...resolve, "--ca-file", world.caFile], key),
    node("bare ioredis, access key", [here("baselines/ioredis-key.mjs")], plain),
    node("check, managed identity", [bin, "--port", port, ...resolve], identity),
    node("bare identity + ioredis", [here("baselines/identity-ioredis.mjs")], {
      ...plain,
      ...world.identityEnv,
    }),
    {
      name: "redis-cli, access key",
      file: "redis-cli",
      args: [
        ...["--tls", "--cacert", world.caFile, "--sni", world.serverName],
        ...["-h", "127.0.0.1", "-p", port, "-a", world.accessKey, "--no-auth-warning"],
      ],
      env: baseEnv(),
      input: "SET bench:redis-cli value EX 60\nGET bench:redis-cli\nDEL bench:redis-cli\n",
      node: false,
    },
  ];
}
