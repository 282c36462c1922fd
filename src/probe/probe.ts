import { samplePings } from "../latency/sampler.js";
import { summarise, type LatencySummary } from "../latency/stats.js";
import type { Plan } from "../plan/types.js";
import { dataRoundTrip } from "./commands.js";
import { explainFailure } from "./explain-failure.js";
import { PhaseLog } from "./phase-log.js";
import {
  openSession,
  SessionResources,
  type Session,
  type SessionDependencies,
} from "./session.js";
import type { PhaseName, ProbeOutcome } from "./types.js";

export interface ProbeDependencies extends SessionDependencies {
  onPhaseStart?: (name: PhaseName) => void;
  /** PINGs to time on the warm connection once every phase passed; none when absent. */
  latency?: { count: number; intervalMs: number };
}

/**
 * Runs every phase against the plan's target on one connection and reports what happened.
 * It never throws: any failure, expected or not, ends up in `outcome.failure` for the
 * classifier, and every socket it opened is closed before it returns. Each phase has its own
 * deadline, so the whole run is bounded by the number of phases times `--timeout`.
 */
export async function runProbe(plan: Plan, deps: ProbeDependencies = {}): Promise<ProbeOutcome> {
  const log = new PhaseLog(plan.probe.timeoutMs, deps.onPhaseStart);
  const held = new SessionResources();
  // The username Redis saw: the key's user, or the token's oid once the credential phase ran.
  const username = (): string | null => held.credential?.username ?? plan.auth.username;

  try {
    const session = await openSession(plan, log, deps, held);

    await dataRoundTrip(session.redis, log, plan);
    const latency = deps.latency ? await sampleLatency(session, plan, deps.latency) : null;
    return {
      phases: log.phases,
      failure: null,
      username: username(),
      warnings: held.warnings,
      latency,
    };
  } catch (error) {
    const failure = await explainFailure(plan, log, error, held.address);
    return {
      phases: log.phases,
      failure,
      username: username(),
      warnings: held.warnings,
      latency: null,
    };
  } finally {
    await held.release(plan.probe.timeoutMs);
  }
}

async function sampleLatency(
  session: Session,
  plan: Plan,
  options: { count: number; intervalMs: number },
): Promise<LatencySummary> {
  const samples = await samplePings(session.redis, { ...options, timeoutMs: plan.probe.timeoutMs });
  return summarise(samples.samplesMs, samples.errors);
}
