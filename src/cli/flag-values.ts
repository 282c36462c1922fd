import { InvalidArgumentError } from "commander";

import { AUTH_METHODS, type AuthMethod } from "../plan/types.js";

/** A TCP port, 1 to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new InvalidArgumentError("expected a port number from 1 to 65535.");
  }
  return port;
}

/** A per-phase deadline; under 50 ms nothing real could pass, over 10 minutes is a typo. */
export function parseTimeout(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 50 || ms > 600_000) {
    throw new InvalidArgumentError("expected milliseconds from 50 to 600000.");
  }
  return ms;
}

export interface ResolveOverride {
  host: string;
  port: number;
  address: string;
}

/**
 * `HOST:PORT:ADDRESS`, as curl takes it; the address may be IPv6 in brackets. The host keeps
 * its name for SNI and certificate checks while the connection goes to the address.
 */
export function parseResolve(value: string): ResolveOverride {
  const match = /^([^:\s]+):(\d+):(\[[0-9a-fA-F:.]+\]|[^:\s[\]]+)$/.exec(value);
  if (!match) throw new InvalidArgumentError("expected HOST:PORT:ADDRESS.");

  const [, host = "", port = "", address = ""] = match;
  return { host, port: parsePort(port), address: address.replace(/^\[|\]$/g, "") };
}

export function parseAuthMethod(value: string): AuthMethod {
  const method = AUTH_METHODS.find((m) => m === value);
  if (!method) throw new InvalidArgumentError(`expected one of: ${AUTH_METHODS.join(", ")}.`);

  return method;
}

export interface NodeMapping {
  from: string;
  to: { host: string; port: number };
}

/**
 * `ADDRESS:PORT=HOST:PORT`, repeatable: connect to HOST:PORT where the cluster announces
 * ADDRESS:PORT, as a NAT map does. Each use adds to the list commander collects.
 */
export function collectNodeMapping(value: string, previous: NodeMapping[] = []): NodeMapping[] {
  const match = /^([^\s=]+):(\d+)=([^\s=:]+):(\d+)$/.exec(value);
  if (!match) throw new InvalidArgumentError("expected ADDRESS:PORT=HOST:PORT.");

  const [, address = "", fromPort = "", host = "", toPort = ""] = match;
  const from = `${address}:${parsePort(fromPort)}`;
  return [...previous, { from, to: { host, port: parsePort(toPort) } }];
}
