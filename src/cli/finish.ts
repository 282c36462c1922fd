import type { Failure } from "../diagnose/failure.js";
import { elapsedSince } from "../probe/clock.js";
import { renderHuman } from "../report/render-human.js";
import { renderJson } from "../report/render-json.js";
import { buildReport, type ReportInput } from "../report/report.js";
import { loadStyle } from "../report/style.js";
import type { Output } from "./io.js";
import { VERSION } from "./version.js";

/** How the verdict is written: as one JSON object, or for a person, in colour or not. */
export interface FinishOptions {
  json: boolean;
  verbose: boolean;
  colour?: boolean;
}

/** The report input of a run that stopped before any phase: a usage or settings failure. */
export function failedBeforePlan(failure: Failure, started: number): ReportInput {
  return {
    version: VERSION,
    plan: null,
    phases: [],
    username: null,
    failure,
    warnings: [],
    totalMs: elapsedSince(started),
  };
}

/** Writes the report where it belongs and returns its exit code. */
export async function finish(
  output: Output,
  input: ReportInput,
  { json, verbose, colour = false }: FinishOptions,
): Promise<number> {
  const report = buildReport(input);

  if (json) {
    output.out(renderJson(report));
  } else if (report.phases.length === 0 && report.failure) {
    // Nothing ran: a one-line message on stderr reads better than an empty phase table.
    const { failure } = report;
    output.err(
      `redis-connector-check: ${failure.message}\n${failure.hint}\nexit ${report.exitCode} (${failure.category}); see ${failure.docs}\n`,
    );
  } else {
    output.out(renderHuman(report, { style: await loadStyle(colour), verbose }));
  }
  return report.exitCode;
}
