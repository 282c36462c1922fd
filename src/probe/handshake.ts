import type { Socket } from "node:net";
import type { Duplex } from "node:stream";

import type { Plan } from "../plan/types.js";
import { PhaseFailed, type PhaseLog } from "./phase-log.js";
import { sniffPlainTextRedis } from "./plain-text-sniff.js";
import { describeTls, upgradeToTls } from "./tls.js";
import type { PhaseDetails } from "./types.js";

/** How long a follow-up check after a failed phase may take, at most. */
export const SNIFF_BUDGET_MS = 2000;

/** Certificates this close to expiry are worth a warning: renewals sometimes fail. */
const EXPIRY_WARNING_DAYS = 14;

function isCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /CERT|SIGNATURE|ISSUER|ALTNAME|SELF_SIGNED/.test(code);
}

/**
 * The tls phase. A handshake that stalls or gets garbage is followed by a plain-text PING
 * on the same port, because a plain Redis port stays silent when sent a ClientHello and
 * would otherwise look like a hung server.
 */
export async function handshake(
  plan: Plan,
  log: PhaseLog,
  socket: Socket,
  address: string,
  track: (s: Socket) => void,
  warnings: string[],
): Promise<Duplex> {
  const { host, port } = plan.target;

  try {
    let details: PhaseDetails = {};
    const secure = await log.run("tls", {
      run: () => upgradeToTls(socket, { servername: host, extraCa: plan.probe.extraCa }, track),
      describe: (s) => (details = describeTls(s, Date.now())),
      onTimeout: () => socket.destroy(),
    });
    warnAboutExpiry(details, warnings);
    return secure;
  } catch (error) {
    if (!(error instanceof PhaseFailed) || isCertificateError(error.original)) throw error;

    const budget = Math.min(plan.probe.timeoutMs, SNIFF_BUDGET_MS);
    const answer = await sniffPlainTextRedis(address, port, budget);
    log.annotateLast({ plainTextProbe: answer });
    throw new PhaseFailed("tls", error.original, {
      plainTextRedis: answer === "redis",
      plainTextSilent: answer === "silent",
    });
  }
}

/** Reads the days left from the tls phase's own details, so both always agree. */
function warnAboutExpiry(details: PhaseDetails, warnings: string[]): void {
  const { daysToExpiry: days, validTo } = details;
  if (typeof days !== "number" || days >= EXPIRY_WARNING_DAYS) return;

  warnings.push(`The server certificate expires in ${days} days (${String(validTo)}).`);
}
