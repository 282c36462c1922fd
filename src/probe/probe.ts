import type { Socket } from "node:net";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";

import type { Redis } from "ioredis";

import type { Plan } from "../plan/types.js";
import type { CredentialProvider, ResolvedCredential } from "./credential.js";
import { isIdentityMethod } from "./credential.js";
import { lookupWithSystemResolver, type Lookup } from "./dns.js";
import { PhaseFailed, PhaseLog } from "./phase-log.js";
import { sniffPlainTextRedis } from "./plain-text-sniff.js";
import { runCommandPhases } from "./commands.js";
import { closeRedisSession, openRedisSession } from "./redis-session.js";
import { openTcp } from "./tcp.js";
import { describeTls, upgradeToTls } from "./tls.js";
import type { PhaseName, ProbeOutcome } from "./types.js";

export interface ProbeDependencies {
  lookup?: Lookup;
  credentials?: CredentialProvider;
  onPhaseStart?: (name: PhaseName) => void;
}

/** How long the plain-text follow-up after a failed handshake may take, at most. */
const SNIFF_BUDGET_MS = 2000;

/**
 * Runs every phase against the plan's target on one connection and reports what happened.
 * It never throws: any failure, expected or not, ends up in `outcome.failure` for the
 * classifier, and every socket it opened is closed before it returns.
 */
export async function runProbe(plan: Plan, deps: ProbeDependencies = {}): Promise<ProbeOutcome> {
  const { target, probe } = plan;
  const log = new PhaseLog(probe.timeoutMs, deps.onPhaseStart);
  const sockets: Socket[] = [];
  const track = (socket: Socket): void => void sockets.push(socket);
  const warnings: string[] = [];
  let username: string | null = plan.auth.username;
  let redis: Redis | undefined;

  try {
    const address = await resolveAddress(plan, log, deps.lookup ?? lookupWithSystemResolver);

    const socket = await log.run("tcp", {
      run: () => openTcp(address, target.port, track),
      describe: (s) => ({ address, port: target.port, localPort: s.localPort ?? null }),
      onTimeout: () => sockets.forEach((s) => s.destroy()),
    });

    const stream = target.tls ? await handshake(plan, log, socket, address, track) : socket;

    const credential = await obtainCredential(plan, log, deps.credentials);
    username = credential.username;
    warnings.push(...credential.warnings);

    redis = await openRedisSession(stream as Duplex, () => {});
    await runCommandPhases(redis, log, credential, plan);

    return { phases: log.phases, failure: null, username, warnings };
  } catch (error) {
    const failure =
      error instanceof PhaseFailed
        ? { phase: error.phase, error: error.original, evidence: error.evidence }
        : { phase: log.phases.at(-1)?.name ?? ("tcp" as const), error, evidence: {} };
    return { phases: log.phases, failure, username, warnings };
  } finally {
    if (redis) await closeRedisSession(redis, Math.min(probe.timeoutMs, 1000));
    sockets.forEach((s) => s.destroy());
  }
}

async function resolveAddress(plan: Plan, log: PhaseLog, lookup: Lookup): Promise<string> {
  const { host, connectAddress } = plan.target;

  if (connectAddress) {
    log.skip("dns", { reason: "--resolve", address: connectAddress });
    return connectAddress;
  }
  if (isIP(host)) {
    log.skip("dns", { reason: "host is an IP address", address: host });
    return host;
  }

  const addresses = await log.run("dns", {
    run: () => lookup(host),
    describe: (found) => ({ addresses: found.map((a) => a.address) }),
  });
  const first = addresses[0];
  if (!first)
    throw new PhaseFailed("dns", Object.assign(new Error("no address"), { code: "ENODATA" }));

  return first.address;
}

async function handshake(
  plan: Plan,
  log: PhaseLog,
  socket: Socket,
  address: string,
  track: (s: Socket) => void,
): Promise<Duplex> {
  const { host, port } = plan.target;

  try {
    return await log.run("tls", {
      run: () => upgradeToTls(socket, { servername: host, extraCa: plan.probe.extraCa }, track),
      describe: (secure) => describeTls(secure, Date.now()),
      onTimeout: () => socket.destroy(),
    });
  } catch (error) {
    if (!(error instanceof PhaseFailed) || isCertificateError(error.original)) throw error;

    // The handshake stalled or got garbage: find out whether this port speaks plain text.
    const budget = Math.min(plan.probe.timeoutMs, SNIFF_BUDGET_MS);
    const answer = await sniffPlainTextRedis(address, port, budget);
    log.annotateLast({ plainTextProbe: answer });
    throw new PhaseFailed("tls", error.original, {
      plainTextRedis: answer === "redis",
      plainTextSilent: answer === "silent",
    });
  }
}

function isCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /CERT|SIGNATURE|ISSUER|ALTNAME|SELF_SIGNED/.test(code);
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
