import type { Plan } from "../plan/types.js";
import type { Style } from "./style.js";

/** The plan as it may be shown: secrets appear only as `***`, never as values. */
export function explainView(plan: Plan, version: string): Record<string, unknown> {
  const { auth } = plan;
  return {
    tool: { name: "redis-connector-check", version },
    connection: plan.connection,
    connections: plan.connections,
    auth: {
      method: auth.method,
      username: auth.username,
      password: auth.password ? "***" : null,
      clientId: auth.clientId ?? null,
      clientSecret: auth.clientSecret ? "***" : null,
      tenantId: auth.tenantId ?? null,
      federatedTokenFile: auth.federatedTokenFile ?? null,
      scope: auth.scope,
      authorityHost: auth.authorityHost ?? null,
    },
    target: { ...plan.target, connectAddress: plan.target.connectAddress ?? null },
    probe: {
      timeoutMs: plan.probe.timeoutMs,
      readOnly: plan.probe.readOnly,
      extraCaCertificates: plan.probe.extraCa.length,
    },
    variables: plan.variables,
    warnings: plan.warnings,
  };
}

export function renderExplainJson(plan: Plan, version: string): string {
  return `${JSON.stringify(explainView(plan, version), null, 2)}\n`;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(16)} ${value}`;
}

/** What the tool would do, read from the settings alone; nothing is sent anywhere. */
export function renderExplainHuman(plan: Plan, style: Style): string {
  const { auth, target } = plan;
  const lines = [style.bold("Plan (no network traffic; --explain)"), ""];

  lines.push("Connections found:");
  for (const c of plan.connections) {
    const mark = c.selected ? style.ok("→") : " ";
    lines.push(`  ${mark} ${c.name ?? "(unnamed)"}  ${c.form}  ${c.host ?? ""}`.trimEnd());
  }

  lines.push("", "Settings read:");
  for (const v of plan.variables) lines.push(row(v.name, `${v.value}  ${style.dim(v.source)}`));

  lines.push("", "Would connect to:");
  lines.push(row("host", target.host), row("port", String(target.port)));
  if (target.connectAddress) lines.push(row("address", `${target.connectAddress} (--resolve)`));
  lines.push(row("tls", target.tls ? "yes" : "no"), row("database", String(target.database)));

  lines.push("", "Authentication:");
  lines.push(row("method", auth.method));
  if (auth.username) lines.push(row("username", auth.username));
  if (auth.password) lines.push(row("password", "***"));
  if (auth.clientId) lines.push(row("client id", auth.clientId));
  if (auth.tenantId) lines.push(row("tenant id", auth.tenantId));
  if (auth.method !== "connection-string") lines.push(row("scope", auth.scope));

  lines.push("", "Probe:");
  lines.push(row("timeout", `${plan.probe.timeoutMs} ms per phase`));
  lines.push(row("mode", plan.probe.readOnly ? "read-only (PING, GET)" : "PING, SET, GET, DEL"));

  if (plan.warnings.length > 0) {
    lines.push("", "Warnings:");
    for (const w of plan.warnings) lines.push(`  ${style.warn("!")} ${w}`);
  }
  return `${lines.join("\n")}\n`;
}
