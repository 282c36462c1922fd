import { expect } from "vitest";

import type { CliResult } from "./run-cli.js";

/** The parts of the JSON report the fault catalogue looks at. */
export interface JsonReport {
  ok: boolean;
  exitCode: number;
  phases: {
    name: string;
    ok: boolean;
    skipped: boolean;
    ms: number;
    details: Record<string, unknown>;
  }[];
  failure: {
    phase: string;
    category: string;
    cause: string;
    message: string;
    hint: string;
    detail: string | null;
  } | null;
  warnings: string[];
  totalMs: number;
  slowestPhase: { name: string; ms: number } | null;
}

/** What a run that fails for a known reason must show. */
export interface ExpectedFailure {
  exitCode: number;
  category: string;
  cause: string;
  /** A phrase the hint must contain: the remedy that belongs to this cause and no other. */
  hint: string | RegExp;
  /** A phrase the message must contain, when the message carries facts of its own. */
  message?: string | RegExp;
}

/** Parses the `--json` report on stdout, failing with both streams if it is not JSON. */
export function readReport(result: CliResult): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(
      `no JSON report on stdout:\n${result.stdout}\n--- stderr ---\n${result.stderr}`,
    );
  }
}

function expectPhrase(text: string | undefined, phrase: string | RegExp, what: string): void {
  if (typeof phrase === "string") {
    expect(text, what).toContain(phrase);
  } else {
    expect(text, what).toMatch(phrase);
  }
}

/**
 * Checks the exit code, category, cause and the words of a failed run in one go, and returns
 * the report for anything more a test wants to check. The whole failure goes into the first
 * assertion's message, so a wrong diagnosis shows what was said instead.
 */
export function expectFailure(result: CliResult, expected: ExpectedFailure): JsonReport {
  const report = readReport(result);
  const seen = JSON.stringify(report.failure, null, 2);

  expect(
    { exitCode: result.code, category: report.failure?.category, cause: report.failure?.cause },
    seen,
  ).toEqual({ exitCode: expected.exitCode, category: expected.category, cause: expected.cause });
  expect(report.exitCode).toBe(result.code);
  expectPhrase(report.failure?.hint, expected.hint, "hint");
  if (expected.message !== undefined) {
    expectPhrase(report.failure?.message, expected.message, "message");
  }
  return report;
}
