import { CommanderError } from "commander";

import { configFailure, internalFailure } from "../diagnose/classify.js";
import { EXIT_CODES } from "../diagnose/categories.js";
import { buildPlan } from "../plan/build-plan.js";
import { ConfigError } from "../plan/config-error.js";
import type { Plan } from "../plan/types.js";
import { now } from "../probe/clock.js";
import { renderExplainHuman, renderExplainJson } from "../report/render-explain.js";
import { loadStyle, wantsDecoration } from "../report/style.js";
import { failedBeforePlan, finish } from "./finish.js";
import { createOutput, type CliIo, type Output } from "./io.js";
import { createProgram, type CliOptions } from "./program.js";
import { readFileInputs, readNodeExtraCa } from "./read-inputs.js";
import { registerSecrets } from "./secrets.js";
import { VERSION } from "./version.js";

export type { CliIo } from "./io.js";

const USAGE_HINT = "Run redis-connector-check --help for the flags.";

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
    const failure = configFailure(new ConfigError(message, USAGE_HINT));
    return finish(output, failedBeforePlan(failure, started), { json: true, verbose: false });
  }

  const json = Boolean(options.json);
  let plan: Plan | null = null;
  try {
    plan = await planFor(options, io, output);
    if (options.explain) {
      const colour = wantsDecoration(io.env, Boolean(io.stdout.isTTY), json);
      output.out(
        json ? renderExplainJson(plan, VERSION) : renderExplainHuman(plan, await loadStyle(colour)),
      );
      return 0;
    }

    checkModeFlags(options);
    if (options.watch) {
      const { watchConnection } = await import("./watch-command.js");
      return await watchConnection(plan, options, io, output);
    }

    // Imported here, not at the top: the probe brings ioredis, which nothing above needs.
    const { checkConnection } = await import("./check.js");
    return await checkConnection(plan, options, io, output, started);
  } catch (error) {
    const failure =
      error instanceof ConfigError ? configFailure(error) : internalFailure("run", error);
    const input = { ...failedBeforePlan(failure, started), plan };
    return finish(output, input, { json, verbose: Boolean(options.verbose) });
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

/** Flags that only mean something in one mode are refused in the other, not ignored. */
function checkModeFlags(options: CliOptions): void {
  const watchOnly: [boolean, string][] = [
    [options.duration !== undefined, "--duration"],
    [Boolean(options.quiet), "--quiet"],
    [!options.tokenRefresh, "--no-token-refresh"],
    [options.refreshRatio !== undefined, "--refresh-ratio"],
    [options.refreshMargin !== undefined, "--refresh-margin"],
  ];
  const misplaced = watchOnly.find(([given]) => given && !options.watch);
  if (misplaced) throw new ConfigError(`${misplaced[1]} only applies with --watch.`, USAGE_HINT);

  if (options.watch && options.count !== undefined) {
    throw new ConfigError("--count samples once; --watch probes repeatedly: pick one.", USAGE_HINT);
  }
}
