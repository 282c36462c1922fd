import { CommanderError } from "commander";

import { classifyFailure, configFailure, internalFailure } from "../diagnose/classify.js";
import { EXIT_CODES } from "../diagnose/categories.js";
import type { Failure } from "../diagnose/failure.js";
import { buildPlan } from "../plan/build-plan.js";
import { ConfigError } from "../plan/config-error.js";
import type { Plan } from "../plan/types.js";
import type { CredentialProvider } from "../probe/credential.js";
import type { DnsResolver } from "../probe/dns/resolver.js";
import { runProbe } from "../probe/probe.js";
import { elapsedSince, now } from "../probe/clock.js";
import { Redactor } from "../report/redact.js";
import { renderExplainHuman, renderExplainJson } from "../report/render-explain.js";
import { renderHuman } from "../report/render-human.js";
import { renderJson } from "../report/render-json.js";
import { buildReport, type ReportInput } from "../report/report.js";
import { createStyle, wantsDecoration } from "../report/style.js";
import { createProgram, type CliOptions } from "./program.js";
import { createProgress } from "./progress.js";
import { readFileInputs, readNodeExtraCa } from "./read-inputs.js";
import { registerSecrets } from "./secrets.js";
import { VERSION } from "./version.js";

const USAGE_HINT = "Run redis-connector-check --help for the flags.";

/** Everything the command touches of the outside world, passed in so tests can supply it. */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  resolver?: DnsResolver;
  credentials?: CredentialProvider;
}

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  redactor: Redactor;
}

function createOutput(io: CliIo): Output {
  const redactor = new Redactor();
  return {
    redactor,
    out: (text) => void io.stdout.write(redactor.scrub(text)),
    err: (text) => void io.stderr.write(redactor.scrub(text)),
  };
}

/**
 * Runs the command for `argv` (without the node and script paths) and returns the exit
 * code. It does not exit, read process globals or throw: every failure, a bug included,
 * becomes a report and a documented code.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const output = createOutput(io);
  const started = now();
  const wantsJson = argv.includes("--json");
  let options: CliOptions;

  try {
    const program = createProgram(VERSION, { writeOut: output.out, writeErr: output.err });
    options = program.parse([...argv], { from: "user" }).opts<CliOptions>();
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return 0;

    // Commander has already printed its own message on stderr; JSON readers still get a report.
    if (!wantsJson) {
      output.err(`${USAGE_HINT}\n`);
      return EXIT_CODES.config;
    }
    const message = error instanceof Error ? error.message.replace(/^error: /, "") : "bad usage";
    return finish(
      output,
      wantsJson,
      false,
      failedBeforePlan(configFailure(new ConfigError(message, USAGE_HINT)), started),
    );
  }

  const style = createStyle(
    wantsDecoration(io.env, Boolean(io.stdout.isTTY), Boolean(options.json)),
  );
  let plan: Plan | null = null;
  try {
    plan = await planFor(options, io, output);
    if (options.explain) {
      output.out(options.json ? renderExplainJson(plan, VERSION) : renderExplainHuman(plan, style));
      return 0;
    }
    return await probeAndReport(plan, options, io, output, started);
  } catch (error) {
    const failure =
      error instanceof ConfigError ? configFailure(error) : internalFailure("run", error);
    const input = { ...failedBeforePlan(failure, started), plan };
    return finish(output, Boolean(options.json), Boolean(options.verbose), input);
  }
}

async function planFor(options: CliOptions, io: CliIo, output: Output): Promise<Plan> {
  const files = await readFileInputs(options);
  registerSecrets(output.redactor, null, [
    io.env,
    files.envFile ?? {},
    files.springProperties ?? {},
  ]);

  const extraCa =
    files.extraCa.length > 0 ? [...(await readNodeExtraCa(io.env)), ...files.extraCa] : [];
  const plan = buildPlan({
    env: io.env,
    envFile: files.envFile,
    springProperties: files.springProperties,
    flags: {
      host: options.host,
      port: options.port,
      tls: options.tls,
      resolve: options.resolve,
      timeoutMs: options.timeout,
      readOnly: Boolean(options.readOnly),
      extraCa,
      connection: options.connection,
      auth: options.auth,
      scope: options.scope,
      authorityHost: options.authorityHost,
    },
  });
  registerSecrets(output.redactor, plan, []);
  return plan;
}

async function probeAndReport(
  plan: Plan,
  options: CliOptions,
  io: CliIo,
  output: Output,
  started: number,
): Promise<number> {
  const decorate = wantsDecoration(io.env, Boolean(io.stderr.isTTY), Boolean(options.json));
  const progress = await createProgress(decorate, io.stderr);

  const outcome = await runProbe(plan, {
    resolver: io.resolver,
    credentials: io.credentials ?? (await credentialsFor(plan, io, output)),
    onPhaseStart: progress.phase,
  }).finally(progress.stop);

  // Hints name the identity that Redis saw, which only the credential phase learned.
  const seen = { ...plan, auth: { ...plan.auth, username: outcome.username } };
  const failure: Failure | null = outcome.failure ? classifyFailure(outcome.failure, seen) : null;
  return finish(
    output,
    Boolean(options.json),
    Boolean(options.verbose),
    {
      version: VERSION,
      plan,
      phases: outcome.phases,
      username: outcome.username,
      failure,
      warnings: [...plan.warnings, ...outcome.warnings],
      totalMs: elapsedSince(started),
    },
    wantsDecoration(io.env, Boolean(io.stdout.isTTY), Boolean(options.json)),
  );
}

/** Loads the Entra side only for identity methods, so key-based runs never pay for it. */
async function credentialsFor(
  plan: Plan,
  io: CliIo,
  output: Output,
): Promise<CredentialProvider | undefined> {
  if (plan.auth.method === "connection-string") return undefined;

  const { entraCredentialProvider } = await import("../credentials/provider.js");
  return entraCredentialProvider({
    env: io.env,
    extraCa: plan.probe.extraCa,
    onSecret: (value) => output.redactor.add(value),
  });
}

function failedBeforePlan(failure: Failure, started: number): ReportInput {
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
function finish(
  output: Output,
  json: boolean,
  verbose: boolean,
  input: ReportInput,
  colour = false,
): number {
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
    output.out(renderHuman(report, { style: createStyle(colour), verbose }));
  }
  return report.exitCode;
}
