import { setTimeout as sleep } from "node:timers/promises";

import { classifyFailure } from "../diagnose/classify.js";
import type { Failure } from "../diagnose/failure.js";
import type { Plan } from "../plan/types.js";
import { dataRoundTrip } from "../probe/commands.js";
import type { ResolvedCredential } from "../probe/credential.js";
import { isIdentityMethod } from "../probe/credential.js";
import { withDeadline } from "../probe/deadline.js";
import { explainFailure } from "../probe/explain-failure.js";
import { PhaseLog } from "../probe/phase-log.js";
import {
  openSession,
  SessionResources,
  type Session,
  type SessionDependencies,
} from "../probe/session.js";
import { backoffDelay } from "./backoff.js";
import type { ProbeEvent, WatchEvent, WatchSummary } from "./events.js";
import type { RefreshPolicy } from "./refresh-schedule.js";
import { WatchTally } from "./tally.js";
import { TokenRefresher } from "./token-refresher.js";

export interface WatchOptions {
  intervalMs: number;
  /** Stop after this long; until the signal otherwise. */
  durationMs?: number;
  /** Null turns token refresh off, to see what happens when a token expires. */
  refresh: RefreshPolicy | null;
  signal: AbortSignal;
  now?: () => number;
}

/** Failures that leave the connection usable: the server answered, just not with yes. */
const CONNECTION_SURVIVES = new Set(["permission", "config"]);

/** A token this close to expiry is not worth reconnecting with. */
const REUSE_MARGIN_MS = 10_000;

interface Live {
  session: Session;
  held: SessionResources;
}

/**
 * Probes the cache every interval on one long-lived connection until stopped, keeping an
 * Entra token fresh on it and reconnecting with bounded backoff when it is lost. Every probe,
 * refresh and outage is reported through `emit` as it happens; the summary is returned.
 */
export async function runWatch(
  plan: Plan,
  deps: SessionDependencies,
  options: WatchOptions,
  emit: (event: WatchEvent) => void,
): Promise<WatchSummary> {
  const now = options.now ?? Date.now;
  const tally = new WatchTally(now());
  const endAt = options.durationMs === undefined ? Infinity : now() + options.durationMs;
  const disconnect = { base: 250, max: Math.max(options.intervalMs, 5000) };
  let live: Live | undefined;
  let credential: ResolvedCredential | undefined;
  let outage: { startedAt: number; cause: string } | undefined;
  let failedInRow = 0;

  const refresher = startRefresher();

  try {
    while (!options.signal.aborted && now() < endAt) {
      const event = await probeOnce(tally.probes + 1);
      tally.probe(event);
      emit(event);
      failedInRow = event.ok ? 0 : failedInRow + 1;

      const wait = live
        ? options.intervalMs
        : backoffDelay(failedInRow - 1, { baseMs: disconnect.base, maxMs: disconnect.max });
      await pause(Math.min(wait, Math.max(0, endAt - now())));
    }
  } finally {
    refresher?.stop();
    await live?.held.release(plan.probe.timeoutMs);
  }

  if (outage) endOutage();
  return tally.summary(now());

  async function probeOnce(seq: number): Promise<ProbeEvent> {
    const log = new PhaseLog(plan.probe.timeoutMs);
    const started = now();
    const reconnecting = live === undefined && seq > 1;
    let held = live?.held;

    try {
      if (!live) {
        held = new SessionResources();
        const session = await openSession(plan, log, deps, held, reusable(credential));
        live = { session, held };
        if (session.credential !== credential) adopt(session.credential);
        if (outage) endOutage();
      }

      await dataRoundTrip(live.session.redis, log, plan);
      return probeEvent(seq, started, true, reconnecting, log, null);
    } catch (error) {
      const failure = await classify(log, error, held?.address);
      // A connection that never finished opening is released here; a live one below.
      if (held && held !== live?.held) await held.release(plan.probe.timeoutMs);
      if (!live || !CONNECTION_SURVIVES.has(failure.category)) await dropConnection(failure.cause);
      return probeEvent(seq, started, false, false, log, failure);
    }
  }

  async function classify(
    log: PhaseLog,
    error: unknown,
    address: string | undefined,
  ): Promise<Failure> {
    const explained = await explainFailure(plan, log, error, address);
    const seen = {
      ...plan,
      auth: { ...plan.auth, username: credential?.username ?? plan.auth.username },
    };
    return classifyFailure(explained, seen);
  }

  async function dropConnection(cause: string): Promise<void> {
    const lost = live;
    live = undefined;
    outage ??= { startedAt: now(), cause };
    await lost?.held.release(plan.probe.timeoutMs);
  }

  function endOutage(): void {
    if (!outage) return;
    const at = now();
    const event = {
      type: "outage" as const,
      at: new Date(at).toISOString(),
      startedAt: new Date(outage.startedAt).toISOString(),
      ms: at - outage.startedAt,
      cause: outage.cause,
    };
    outage = undefined;
    tally.outage(event);
    emit(event);
  }

  function adopt(fresh: ResolvedCredential): void {
    credential = fresh;
    refresher?.track(fresh);
  }

  function reusable(candidate: ResolvedCredential | undefined): ResolvedCredential | undefined {
    const expiresOn = candidate?.lifetime?.expiresOn.getTime();
    if (!candidate || expiresOn === undefined) return candidate;

    return expiresOn - now() > REUSE_MARGIN_MS ? candidate : undefined;
  }

  function startRefresher(): TokenRefresher | undefined {
    if (!options.refresh || !isIdentityMethod(plan.auth) || !deps.credentials) return undefined;

    return new TokenRefresher({
      auth: plan.auth,
      provider: deps.credentials,
      policy: options.refresh,
      timeoutMs: plan.probe.timeoutMs,
      now,
      adopt: (fresh) => {
        credential = fresh;
      },
      reauthenticate: async (fresh) => {
        const redis = live?.session.redis;
        if (!redis || !fresh.username) return null;

        const started = performance.now();
        const user = fresh.username;
        await withDeadline("auth", plan.probe.timeoutMs, () =>
          redis.auth(user, fresh.password.reveal()),
        );
        return Math.round((performance.now() - started) * 1000) / 1000;
      },
      report: (event) => {
        tally.refresh(event);
        emit(event);
      },
    });
  }

  async function pause(ms: number): Promise<void> {
    if (ms <= 0) return;
    await sleep(ms, undefined, { signal: options.signal }).catch(() => undefined);
  }

  function probeEvent(
    seq: number,
    started: number,
    ok: boolean,
    reconnected: boolean,
    log: PhaseLog,
    failure: Failure | null,
  ): ProbeEvent {
    return {
      type: "probe",
      at: new Date(started).toISOString(),
      seq,
      ok,
      ms: Math.round(log.phases.reduce((total, phase) => total + phase.ms, 0) * 1000) / 1000,
      reconnected,
      phases: log.phases,
      failure,
    };
  }
}
