import type { PhaseName } from "../probe/types.js";

export interface Progress {
  phase: (name: PhaseName) => void;
  stop: () => void;
}

const silent: Progress = { phase: () => {}, stop: () => {} };

/**
 * A spinner on stderr naming the running phase, for a person at a terminal only. ora is
 * imported lazily so that pipes, CI and --json never pay for loading it.
 */
export async function createProgress(
  enabled: boolean,
  stream: NodeJS.WritableStream,
): Promise<Progress> {
  if (!enabled) return silent;

  const { default: ora } = await import("ora");
  const spinner = ora({ stream, discardStdin: false }).start("starting");
  return {
    phase: (name) => {
      spinner.text = `${name}…`;
    },
    stop: () => spinner.stop(),
  };
}
