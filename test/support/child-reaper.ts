import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

/** Each live child, with the temporary folder to delete along with it (if any). */
const liveChildren = new Map<ChildProcess, string | undefined>();
const relayedSignals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
let hooksInstalled = false;

/**
 * Makes sure `child` is killed, and `tempDir` deleted, when this process ends, even if the
 * code that started it never reaches its clean-up (a failed assertion, an uncaught error,
 * Ctrl-C), so no server outlives the test run that started it.
 */
export function killOnExit(child: ChildProcess, tempDir?: string): void {
  installHooks();
  liveChildren.set(child, tempDir);
  child.once("exit", () => liveChildren.delete(child));
}

function killAll(): void {
  for (const [child, tempDir] of liveChildren) {
    child.kill("SIGKILL");
    if (tempDir !== undefined) {
      rmSync(tempDir, { recursive: true, force: true });
    }
  }
  liveChildren.clear();
}

function installHooks(): void {
  if (hooksInstalled) {
    return;
  }
  hooksInstalled = true;

  // "exit" handlers must be synchronous; sending a signal is.
  process.once("exit", killAll);

  for (const signal of relayedSignals) {
    process.on(signal, function onSignal() {
      killAll();

      // A listener replaces Node's default of ending the process on this signal. When no one
      // else listens, step aside and re-raise it so the process still ends as it would have.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    });
  }
}
