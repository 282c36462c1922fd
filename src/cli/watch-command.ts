import type { Plan } from "../plan/types.js";
import { renderWatchEvent } from "../report/render-watch.js";
import { loadStyle, wantsDecoration } from "../report/style.js";
import type { WatchEvent } from "../watch/events.js";
import { DEFAULT_REFRESH_POLICY, type RefreshPolicy } from "../watch/refresh-schedule.js";
import { runWatch } from "../watch/watch.js";
import { credentialsFor } from "./check.js";
import type { CliIo, Output } from "./io.js";
import type { CliOptions } from "./program.js";

const DEFAULT_WATCH_INTERVAL_MS = 1000;

function refreshPolicy(options: CliOptions): RefreshPolicy | null {
  if (!options.tokenRefresh) return null;

  return {
    ratio: options.refreshRatio ?? DEFAULT_REFRESH_POLICY.ratio,
    marginMs: options.refreshMargin ?? DEFAULT_REFRESH_POLICY.marginMs,
  };
}

/**
 * Decides which events a person sees: all of them, or with --quiet only a probe whose
 * outcome differs from the one before, plus refreshes, outages and the summary.
 */
function createFilter(quiet: boolean): (event: WatchEvent) => boolean {
  let lastOk: boolean | undefined;

  return (event) => {
    if (event.type !== "probe") return true;

    const changed = event.ok !== lastOk;
    lastOk = event.ok;
    return !quiet || changed || event.reconnected;
  };
}

/**
 * `--watch`: probes until Ctrl-C or --duration, one line (or JSON line) per event as it
 * happens, then the summary. The exit code is non-zero when any probe failed.
 */
export async function watchConnection(
  plan: Plan,
  options: CliOptions,
  io: CliIo,
  output: Output,
): Promise<number> {
  const json = Boolean(options.json);
  const style = await loadStyle(wantsDecoration(io.env, Boolean(io.stdout.isTTY), json));
  const show = createFilter(Boolean(options.quiet));

  const emit = (event: WatchEvent): void => {
    if (json) output.out(`${JSON.stringify(event)}\n`);
    else if (show(event)) output.out(`${renderWatchEvent(event, style)}\n`);
  };

  for (const warning of plan.warnings) {
    if (!json) output.err(`warning ${warning}\n`);
  }
  const summary = await runWatch(
    plan,
    {
      resolver: io.resolver,
      credentials: io.credentials ?? (await credentialsFor(plan, io, output)),
    },
    {
      intervalMs: options.interval ?? DEFAULT_WATCH_INTERVAL_MS,
      durationMs: options.duration,
      refresh: refreshPolicy(options),
      signal: io.signal ?? new AbortController().signal,
    },
    emit,
  );
  emit(summary);
  return summary.exitCode;
}
