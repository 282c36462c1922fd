import type { Socket } from "node:net";
import type { Duplex } from "node:stream";

import type { Redis } from "ioredis";

import type { Plan } from "../plan/types.js";
import { runCommandPhases } from "./commands.js";
import type { CredentialProvider, ResolvedCredential } from "./credential.js";
import { isIdentityMethod } from "./credential.js";
import type { DnsResolver } from "./dns/resolver.js";
import { systemResolver } from "./dns/system-resolver.js";
import { handshake, SNIFF_BUDGET_MS } from "./handshake.js";
import { PhaseFailed, PhaseLog } from "./phase-log.js";
import { closeRedisSession, openRedisSession } from "./redis-session.js";
import { resolveAddress } from "./resolve-address.js";
import { openTcp } from "./tcp.js";
import { sniffTls } from "./tls-sniff.js";
import type { PhaseFailure, PhaseName, ProbeOutcome } from "./types.js";

export interface ProbeDependencies {
  resolver?: DnsResolver;
  credentials?: CredentialProvider;
  onPhaseStart?: (name: PhaseName) => void;
}

/**
 * Runs every phase against the plan's target on one connection and reports what happened.
 * It never throws: any failure, expected or not, ends up in `outcome.failure` for the
 * classifier, and every socket it opened is closed before it returns. Each phase has its own
 * deadline, so the whole run is bounded by the number of phases times `--timeout`.
 */
export async function runProbe(plan: Plan, deps: ProbeDependencies = {}): Promise<ProbeOutcome> {
  const { target, probe } = plan;
  const log = new PhaseLog(probe.timeoutMs, deps.onPhaseStart);
  const sockets: Socket[] = [];
  const track = (socket: Socket): void => void sockets.push(socket);
  const warnings: string[] = [];
  let username: string | null = plan.auth.username;
  let address: string | undefined;
  let redis: Redis | undefined;

  try {
    address = await resolveAddress(plan, log, deps.resolver ?? systemResolver, warnings);
    const connectTo = address;

    const socket = await log.run("tcp", {
      run: () => openTcp(connectTo, target.port, track),
      describe: (s) => ({ address: connectTo, port: target.port, localPort: s.localPort ?? null }),
      onTimeout: () => sockets.forEach((s) => s.destroy()),
    });

    const stream = target.tls
      ? await handshake(plan, log, socket, connectTo, track, warnings)
      : socket;

    const credential = await obtainCredential(plan, log, deps.credentials);
    username = credential.username;
    warnings.push(...credential.warnings);

    redis = await openRedisSession(stream as Duplex, () => {});
    await runCommandPhases(redis, log, credential, plan);

    return { phases: log.phases, failure: null, username, warnings };
  } catch (error) {
    const failure = await explainFailure(plan, log, error, address);
    return { phases: log.phases, failure, username, warnings };
  } finally {
    if (redis) await closeRedisSession(redis, Math.min(probe.timeoutMs, 1000));
    sockets.forEach((s) => s.destroy());
  }
}

/** Turns what was thrown into a failure record, with follow-up evidence where it helps. */
async function explainFailure(
  plan: Plan,
  log: PhaseLog,
  error: unknown,
  address: string | undefined,
): Promise<PhaseFailure> {
  if (!(error instanceof PhaseFailed)) {
    return { phase: log.phases.at(-1)?.name ?? "dns", error, evidence: {} };
  }

  const failure = { phase: error.phase, error: error.original, evidence: { ...error.evidence } };
  if (!plan.target.tls && address && closedWithoutReply(error.original)) {
    // A TLS-only port drops plain text without a word; ask it for a handshake to be sure.
    const budget = Math.min(plan.probe.timeoutMs, SNIFF_BUDGET_MS);
    failure.evidence.tlsOnPort = await sniffTls(
      address,
      plan.target.port,
      plan.target.host,
      budget,
    );
    log.annotateLast({ tlsProbe: failure.evidence.tlsOnPort ? "tls" : "no-tls" });
  }
  return failure;
}

function closedWithoutReply(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /connection is closed|ECONNRESET|EPIPE/i.test(text);
}

async function obtainCredential(
  plan: Plan,
  log: PhaseLog,
  provider: CredentialProvider | undefined,
): Promise<ResolvedCredential> {
  const { auth } = plan;

  if (!isIdentityMethod(auth)) {
    if (!auth.password) throw new PhaseFailed("auth", new Error("no access key in the settings"));
    return { username: auth.username, password: auth.password, details: {}, warnings: [] };
  }
  if (!provider) throw new PhaseFailed("credential", new Error("no credential provider"));

  const controller = new AbortController();
  return log.run("credential", {
    run: () => provider(auth, plan.probe.timeoutMs, controller.signal),
    describe: (credential) => credential.details,
    onTimeout: () => controller.abort(),
    // The provider has the same deadline and reports a timeout with more detail; let it.
    graceMs: 250,
  });
}
