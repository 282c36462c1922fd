import type { PhaseRecord } from "../probe/types.js";

type Details = PhaseRecord["details"];

function text(value: Details[string] | undefined): string {
  if (value === undefined || value === null) return "";

  return Array.isArray(value) ? value.join(", ") : String(value);
}

function tlsSummary(d: Details): string {
  const parts = [text(d.protocol), text(d.cipher)].filter(Boolean);
  if (d.subject) parts.push(`certificate ${text(d.subject)}`);
  if (typeof d.daysToExpiry === "number") parts.push(`expires in ${d.daysToExpiry} days`);
  return parts.join(", ");
}

const SUMMARIES: Partial<Record<PhaseRecord["name"], (d: Details) => string>> = {
  dns: (d) => (d.reason ? `skipped (${text(d.reason)})` : text(d.addresses)),
  tcp: (d) => `${text(d.address)}:${text(d.port)}`,
  tls: tlsSummary,
  credential: (d) =>
    [d.source ? `via ${text(d.source)}` : "", d.oid ? `oid ${text(d.oid)}` : ""]
      .filter(Boolean)
      .join(", "),
  auth: (d) => `as ${text(d.user)}`,
  select: (d) => `database ${text(d.database)}`,
  cluster: (d) => `${text(d.nodes)} nodes (found by ${text(d.detectedBy)})`,
  set: (d) => `${text(d.key)} (expires in ${text(d.ttlSeconds)} s)`,
  get: (d) => (d.matched ? "value matched" : text(d.expected)),
  del: () => "probe key removed",
};

/** One short line of what a phase found, for the human output. */
export function summarisePhase(phase: PhaseRecord): string {
  if (phase.skipped && phase.name !== "dns") return "skipped";
  if (Object.keys(phase.details).length === 0) return "";

  return SUMMARIES[phase.name]?.(phase.details) ?? "";
}
