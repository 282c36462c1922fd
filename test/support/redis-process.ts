import { spawn } from "node:child_process";
import type { Socket } from "node:net";

import { killOnExit } from "./child-reaper.js";

/** A `redis-server` child process, seen only as far as starting and stopping it needs. */
export interface RedisProcess {
  /** Undefined only when the executable could not be started at all. */
  readonly pid: number | undefined;
  hasExited(): boolean;
  /** How it ended, e.g. "exit code 1", or undefined while it runs. */
  exitStatus(): string | undefined;
  /** The last few kilobytes it wrote to stdout and stderr (errors before its log file opens). */
  output(): string;
  /** SIGTERM, then SIGKILL if it lingers; resolves once it is gone. Safe to call twice. */
  terminate(): Promise<void>;
}

const keptOutputChars = 8_192;
const gracefulStopMs = 5_000;
const forcedStopMs = 2_000;

/**
 * Starts `redis-server` with `args` in `cwd`. If this process ends first, the server is killed
 * and `cwd` deleted.
 */
export function spawnRedisProcess(args: readonly string[], cwd: string): RedisProcess {
  const child = spawn("redis-server", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  killOnExit(child, cwd);

  // A forgotten server must not keep this process alive: once nothing else is pending it
  // exits, and the exit hook above kills the server and deletes its folder.
  // (Node types the pipes as plain streams, but they are sockets.)
  child.unref();
  (child.stdout as Socket).unref();
  (child.stderr as Socket).unref();

  let output = "";
  const keep = (text: string): void => {
    output = (output + text).slice(-keptOutputChars);
  };
  child.stdout.on("data", (chunk: Buffer) => keep(chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => keep(chunk.toString("utf8")));

  let status: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      status = signal === null ? `exit code ${code}` : `signal ${signal}`;
      resolve();
    });

    // Only a failed spawn (say, redis-server missing) reaches here in practice; no "exit"
    // follows it, so it has to end the wait too.
    child.once("error", (error) => {
      keep(`${error.message}\n`);
      status ??= `failed to start (${error.message})`;
      resolve();
    });
  });

  return {
    pid: child.pid,
    hasExited: () => status !== undefined,
    exitStatus: () => status,
    output: () => output,
    async terminate() {
      if (status !== undefined) {
        return;
      }

      child.kill("SIGTERM");
      if (await settlesWithin(exited, gracefulStopMs)) {
        return;
      }

      child.kill("SIGKILL");
      if (!(await settlesWithin(exited, forcedStopMs))) {
        throw new Error(`redis-server (pid ${child.pid}) survived SIGKILL for ${forcedStopMs} ms`);
      }
    },
  };
}

/** Resolves true if `promise` settles within `ms`, false otherwise; never leaves a timer. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });

  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
