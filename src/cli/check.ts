import { classifyFailure } from "../diagnose/classify.js";
import type { Failure } from "../diagnose/failure.js";
import type { Plan } from "../plan/types.js";
import { elapsedSince } from "../probe/clock.js";
import type { CredentialProvider } from "../probe/credential.js";
import { runProbe } from "../probe/probe.js";
import { wantsDecoration } from "../report/style.js";
import { finish } from "./finish.js";
import type { CliIo, Output } from "./io.js";
import type { CliOptions } from "./program.js";
import { createProgress } from "./progress.js";
import { VERSION } from "./version.js";

/** As redis-cli --latency does by default. */
const DEFAULT_SAMPLE_INTERVAL_MS = 10;

/**
 * Probes the plan's target and writes the verdict. This module, and with it ioredis, is
 * loaded only by a run that goes on the network, so --version, --help and --explain start
 * without it.
 */
export async function checkConnection(
  plan: Plan,
  options: CliOptions,
  io: CliIo,
  output: Output,
  started: number,
): Promise<number> {
  const json = Boolean(options.json);
  const progress = await createProgress(
    wantsDecoration(io.env, Boolean(io.stderr.isTTY), json),
    io.stderr,
  );

  const outcome = await runProbe(plan, {
    resolver: io.resolver,
    credentials: io.credentials ?? (await credentialsFor(plan, io, output)),
    onPhaseStart: progress.phase,
    cluster: {
      mode: options.cluster === undefined ? "auto" : options.cluster ? "force" : "off",
      nodeMap: new Map((options.nodeMap ?? []).map((entry) => [entry.from, entry.to])),
    },
    latency: options.count
      ? { count: options.count, intervalMs: options.interval ?? DEFAULT_SAMPLE_INTERVAL_MS }
      : undefined,
  }).finally(progress.stop);

  // Hints name the identity that Redis saw, which only the credential phase learned.
  const seen = { ...plan, auth: { ...plan.auth, username: outcome.username } };
  const failure: Failure | null =
    outcome.cluster?.failure ?? (outcome.failure ? classifyFailure(outcome.failure, seen) : null);
  const input = {
    version: VERSION,
    plan,
    phases: outcome.phases,
    username: outcome.username,
    failure,
    warnings: [...plan.warnings, ...outcome.warnings],
    totalMs: elapsedSince(started),
    latency: outcome.latency,
    cluster: outcome.cluster,
  };
  return finish(output, input, {
    json,
    verbose: Boolean(options.verbose),
    colour: wantsDecoration(io.env, Boolean(io.stdout.isTTY), json),
  });
}

/** Loads the Entra side only for identity methods, so key-based runs never pay for it. */
export async function credentialsFor(
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
