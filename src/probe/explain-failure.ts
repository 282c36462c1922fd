import type { Plan } from "../plan/types.js";
import { isConnectionLost } from "./connection-lost.js";
import { SNIFF_BUDGET_MS } from "./handshake.js";
import { PhaseFailed, type PhaseLog } from "./phase-log.js";
import { sniffTls } from "./tls-sniff.js";
import type { PhaseFailure } from "./types.js";

/** Turns what was thrown into a failure record, with follow-up evidence where it helps. */
export async function explainFailure(
  plan: Plan,
  log: PhaseLog,
  error: unknown,
  address: string | undefined,
): Promise<PhaseFailure> {
  if (!(error instanceof PhaseFailed)) {
    return { phase: log.phases.at(-1)?.name ?? "dns", error, evidence: {} };
  }

  const failure = { phase: error.phase, error: error.original, evidence: { ...error.evidence } };
  if (!plan.target.tls && address && isConnectionLost(error.original)) {
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
