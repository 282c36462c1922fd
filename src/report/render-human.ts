import { formatLatency } from "../latency/format.js";
import type { Report } from "./report.js";
import { summarisePhase } from "./phase-summary.js";
import type { Style } from "./style.js";

export interface HumanOptions {
  style: Style;
  verbose: boolean;
}

function formatMs(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`.padStart(10);
}

function headerLines(report: Report): string[] {
  const lines = [`redis-connector-check ${report.tool.version}`];
  const { target, auth } = report;
  if (target) {
    const via = target.address ? ` via ${target.address}` : "";
    const tls = target.tls ? "TLS" : "plain text";
    lines.push(`target  ${target.host}:${target.port}${via}, ${tls}, database ${target.database}`);
  }
  if (auth) lines.push(`auth    ${auth.method}${auth.username ? ` as ${auth.username}` : ""}`);

  return lines;
}

function phaseLines(report: Report, { style, verbose }: HumanOptions): string[] {
  return report.phases.flatMap((phase) => {
    const mark = phase.ok ? style.ok("✓") : style.bad("✗");
    const time = phase.skipped ? "".padStart(10) : formatMs(phase.ms);
    const line = `  ${mark} ${phase.name.padEnd(10)} ${time}  ${summarisePhase(phase)}`.trimEnd();
    if (!verbose || Object.keys(phase.details).length === 0) return [line];

    return [line, style.dim(`      ${JSON.stringify(phase.details)}`)];
  });
}

function nodeLines(report: Report, { style }: HumanOptions): string[] {
  if (!report.nodes) return [];

  const lines = [`nodes    ${report.nodes.length}, probed one by one on their own connections`];
  for (const node of report.nodes) {
    const mark = node.ok ? style.ok("✓") : style.bad("✗");
    const where = `${node.address}:${node.port}`.padEnd(21);
    const slots = (node.slots.join(",") || "-").padEnd(12);
    const outcome = node.ok
      ? node.steps.map((step) => `${step.name} ${step.ms.toFixed(2)}`).join("  ")
      : (node.failure?.cause ?? "failed");
    lines.push(`  ${mark} ${where} ${node.role.padEnd(8)} ${slots} ${outcome}`);
  }
  const uncovered = report.cluster?.uncoveredSlots ?? [];
  if (uncovered.length > 0)
    lines.push(style.bad(`  slots served by no primary: ${uncovered.join(", ")}`));

  return lines;
}

function latencyLines(report: Report): string[] {
  return report.latency ? [`latency  ${formatLatency(report.latency)}`] : [];
}

function verdictLines(report: Report, { style, verbose }: HumanOptions): string[] {
  const { failure } = report;

  const slowest = report.slowestPhase
    ? `, slowest phase ${report.slowestPhase.name} (${report.slowestPhase.ms.toFixed(1)} ms)`
    : "";
  if (!failure) {
    return [
      `${style.ok(style.bold("PASS"))}  the cache answered every probe step ` +
        `(run took ${report.totalMs.toFixed(1)} ms${slowest})`,
    ];
  }
  const lines = [
    `${style.bad(style.bold("FAIL"))}  ${failure.message}`,
    `fix   ${failure.hint}`,
    `docs  ${failure.docs}`,
    `exit  ${report.exitCode} (${failure.category}: ${failure.cause})`,
    `time  ${report.totalMs.toFixed(1)} ms${slowest}`,
  ];
  if (verbose && failure.detail) lines.push(style.dim(`cause ${failure.detail}`));

  return lines;
}

/** The verdict a person reads: what was checked, how long each step took, what to change. */
export function renderHuman(report: Report, options: HumanOptions): string {
  const warnings = report.warnings.map((w) => `${options.style.warn("warning")} ${w}`);
  const sections = [
    headerLines(report),
    phaseLines(report, options),
    nodeLines(report, options),
    latencyLines(report),
    warnings,
    verdictLines(report, options),
  ].filter((section) => section.length > 0);

  return `${sections.map((section) => section.join("\n")).join("\n\n")}\n`;
}
