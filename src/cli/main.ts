import { run } from "./run.js";

/** The process-facing entry: real argv, environment and streams. */
export function main(): Promise<number> {
  return run(process.argv.slice(2), {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
