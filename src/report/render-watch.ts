import { formatLatency } from "../latency/format.js";
import type { ProbeEvent, RefreshEvent, WatchEvent, WatchSummary } from "../watch/events.js";
import type { Style } from "./style.js";

function clock(iso: string): string {
  return iso.slice(11, 23);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function probeLine(event: ProbeEvent, style: Style): string {
  const mark = event.ok ? style.ok("✓") : style.bad("✗");
  const head = `${clock(event.at)}  ${mark} probe ${String(event.seq).padEnd(5)}`;
  if (!event.ok) return `${head} ${event.failure?.message ?? "failed"} (${event.failure?.cause})`;

  const steps = event.phases
    .filter((p) => !p.skipped)
    .map((p) => `${p.name} ${p.ms.toFixed(2)}`)
    .join("  ");
  const again = event.reconnected ? style.warn(" reconnected") : "";
  return `${head} ${event.ms.toFixed(2).padStart(8)} ms  ${style.dim(steps)}${again}`;
}

function refreshLine(event: RefreshEvent, style: Style): string {
  const head = `${clock(event.at)}  ${style.warn("↻")} token`;
  if (!event.ok)
    return `${head} refresh failed, retrying in ${seconds(event.nextInMs ?? 0)}: ${event.error}`;
  if (!event.renewed)
    return `${head} source returned the current token; asking again in ${seconds(event.nextInMs ?? 0)}`;

  const auth =
    event.reauthMs === null
      ? "applies at the next connection"
      : `re-authenticated in ${event.reauthMs.toFixed(2)} ms`;
  return `${head} refreshed, expires ${event.expiresOn ?? "?"}, ${auth}`;
}

/** One line per event, as it happens; null for events `--quiet` leaves out. */
export function renderWatchEvent(event: WatchEvent, style: Style): string | null {
  switch (event.type) {
    case "probe":
      return probeLine(event, style);
    case "refresh":
      return refreshLine(event, style);
    case "outage":
      return `${clock(event.at)}  ${style.warn("⇄")} outage of ${seconds(event.ms)} ended (${event.cause})`;
    case "summary":
      return renderWatchSummary(event, style);
  }
}

/** What a watch saw, when it ends: the counts, the PING figures, and the exit code. */
export function renderWatchSummary(summary: WatchSummary, style: Style): string {
  const verdict = summary.failures === 0 ? style.ok("PASS") : style.bad("FAIL");
  const lines = [
    `${style.bold(verdict)}  watched for ${seconds(summary.durationMs)}: ${summary.probes} probes, ` +
      `${summary.failures} failed, ${summary.refreshes} token refreshes ` +
      `(${summary.refreshFailures} failed), ${summary.reconnects} reconnects, ` +
      `${summary.outages} outages (${seconds(summary.outageMs)})`,
    `ping  ${formatLatency(summary.latency)}`,
  ];
  if (summary.firstFailure) {
    lines.push(`first failure  ${summary.firstFailure.message}`);
    lines.push(`fix   ${summary.firstFailure.hint}`);
  }
  lines.push(`exit  ${summary.exitCode}`);
  return lines.join("\n");
}
