import { ConfigError } from "./config-error.js";
import { parsePort } from "./values.js";

const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$/;
// At least two colons, so that `cafe:` is not taken for an address.
const IPV6_ADDRESS = /^(?=(?:[^:]*:){2})[0-9A-Fa-f:.]+(?:%[\w.-]+)?$/;

export interface HostAndPort {
  /** A host name or IP address; IPv6 addresses without their brackets. */
  host: string;
  port?: number;
}

/**
 * Checks that `text` is a host name or an IP address and returns it (IPv6 without brackets).
 * The value is never quoted in the error: a key pasted into a host variable must not leak.
 */
export function checkHost(text: string, what: string): string {
  const trimmed = text.trim();
  const bracketed = trimmed.startsWith("[") && trimmed.endsWith("]");
  const address = bracketed ? trimmed.slice(1, -1) : trimmed;
  if (IPV6_ADDRESS.test(address)) {
    return address;
  }

  if (HOST_NAME.test(trimmed)) {
    return trimmed;
  }

  const reason = trimmed === "" ? "is empty" : "is not a valid host name or IP address";
  throw new ConfigError(`The host in ${what} ${reason}`);
}

/** Splits `host`, `host:port`, `[v6]` or `[v6]:port`. IPv6 needs brackets to carry a port. */
export function parseHostAndPort(text: string, what: string): HostAndPort {
  const trimmed = text.trim();
  const portSeparator = findPortSeparator(trimmed);
  if (portSeparator === -1) {
    return { host: checkHost(trimmed, what) };
  }

  const host = checkHost(trimmed.slice(0, portSeparator), what);
  const port = parsePort(trimmed.slice(portSeparator + 1), `The port in ${what}`);
  return { host, port };
}

function findPortSeparator(text: string): number {
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    return text[close + 1] === ":" ? close + 1 : -1;
  }

  const first = text.indexOf(":");

  // More than one colon without brackets is a bare IPv6 address: it cannot carry a port.
  return first === text.lastIndexOf(":") ? first : -1;
}
