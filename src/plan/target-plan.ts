import { ConfigError } from "./config-error.js";
import { defaultPort } from "./azure-hosts.js";
import { checkHost } from "./endpoint.js";
import { connectionLabel } from "./select-connection.js";
import { settingName } from "./setting-names.js";
import { targetWarnings } from "./target-warnings.js";
import type { ConnectionSettings, TargetPlan } from "./types.js";

const PLAIN_TEXT_PORT = 6379;

export interface TargetFlags {
  host?: string;
  port?: number;
  tls?: boolean;
  resolve?: { host: string; port: number; address: string };
}

export interface TargetDecision {
  target: TargetPlan;
  warnings: string[];
}

/**
 * Decides where to connect: flags win over settings, and what neither gives comes from the
 * host's kind (Azure Cache, Azure Managed Redis, other). Without a TLS setting, port 6379
 * means plain text and anything else TLS. Throws `ConfigError` when there is no host at all.
 */
export function planTarget(settings: ConnectionSettings, flags: TargetFlags): TargetDecision {
  const warnings = overrideWarnings(settings, flags);
  const usesSslHost = flags.host === undefined && settings.sslHost !== undefined;
  const host =
    flags.host === undefined ? (settings.sslHost ?? settings.host) : checkFlagHost(flags.host);
  if (host === undefined) {
    throw new ConfigError(
      `No host was found for ${connectionLabel(settings.name)}`,
      `Set ${settingName(settings, "HOST")} or a connection string, or pass --host HOST`,
    );
  }

  if (flags.port !== undefined) checkFlagPort(flags.port);

  const explicitPort = flags.port ?? settings.port;
  const tls = flags.tls ?? settings.tls ?? explicitPort !== PLAIN_TEXT_PORT;
  const port = explicitPort ?? defaultPort(host, tls);
  const target: TargetPlan = { host, port, tls, database: settings.database ?? 0 };

  // With sslHost the configured host is only an address: the certificate names sslHost.
  if (usesSslHost && settings.host !== undefined && settings.host !== host) {
    target.connectAddress = settings.host;
  }

  applyResolve(target, flags.resolve, warnings);
  warnings.push(...targetWarnings(target, settings, flags));
  return { target, warnings };
}

function checkFlagHost(host: string): string {
  return checkHost(host, "--host");
}

function checkFlagPort(port: number): void {
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return;

  throw new ConfigError(`--port must be a port number from 1 to 65535, not ${String(port)}`);
}

// curl semantics: --resolve only applies to the exact host and port being contacted.
function applyResolve(target: TargetPlan, resolve: TargetFlags["resolve"], warnings: string[]) {
  if (resolve === undefined) return;

  const matches = sameHost(resolve.host, target.host) && resolve.port === target.port;
  if (matches) {
    target.connectAddress = resolve.address;
    return;
  }

  warnings.push(
    `--resolve ${resolve.host}:${resolve.port} does not match the target ` +
      `${target.host}:${target.port}, so it does not apply`,
  );
}

function overrideWarnings(settings: ConnectionSettings, flags: TargetFlags): string[] {
  const warnings: string[] = [];
  const { host, port, tls } = settings;
  if (flags.host !== undefined && host !== undefined && !sameHost(flags.host, host)) {
    warnings.push(`--host ${flags.host} overrides the host ${host} found in the settings`);
  }

  if (flags.port !== undefined && port !== undefined && flags.port !== port) {
    warnings.push(`--port ${flags.port} overrides port ${port} found in the settings`);
  }

  if (flags.tls !== undefined && tls !== undefined && flags.tls !== tls) {
    warnings.push(
      flags.tls
        ? "--tls turns TLS on although the settings turn it off"
        : "--no-tls turns TLS off although the settings turn it on",
    );
  }

  return warnings;
}

function sameHost(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
