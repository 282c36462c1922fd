import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import type { Command } from "./commands.js";

/** One run of one command. */
export interface Sample {
  /** From spawn to exit, the whole process, in milliseconds. */
  ms: number;
  /** Peak resident memory in kilobytes, for Node processes; null for others. */
  maxRssKb: number | null;
  code: number | null;
  stderr: string;
}

const rssPreload = fileURLToPath(new URL("max-rss.cjs", import.meta.url));

/** Starts `command` once and waits for it to end, timing the whole process. */
export function measure(command: Command): Promise<Sample> {
  const args = command.node ? ["--require", rssPreload, ...command.args] : command.args;

  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ms = 0;
    const child = spawn(command.file, args, {
      env: command.env,
      stdio: ["pipe", "ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let rss = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdio[3]?.on("data", (chunk: Buffer) => (rss += chunk.toString()));
    child.stdin?.end(command.input ?? "");
    child.once("error", reject);
    child.once("exit", () => (ms = performance.now() - started));
    child.once("close", (code) => {
      const maxRssKb = command.node && rss.trim() !== "" ? Number(rss.trim()) : null;
      resolve({ ms, maxRssKb, code, stderr });
    });
  });
}
