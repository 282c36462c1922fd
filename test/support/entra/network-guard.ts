import { Socket } from "node:net";

/** Hosts a test may connect to; `localhost` is the one name the system resolver may see. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export interface NetworkGuard {
  /** Every non-loopback host something tried to reach, in order. */
  readonly blocked: readonly string[];
  /** Puts the real `connect` back. */
  release(): void;
}

type Connect = (this: Socket, ...args: unknown[]) => Socket;

/**
 * Stops every TCP connection in this process that is not to the loopback interface, such
 * as a fall-through to IMDS at 169.254.169.254 or to login.microsoftonline.com, and records
 * it. The socket fails with EHOSTUNREACH, as a machine without a route would, so the code
 * under test takes its normal failure path and the test can assert `blocked` is empty.
 * Host names are checked before any lookup, so no other name reaches the resolver.
 */
export function guardNetwork(): NetworkGuard {
  const blocked: string[] = [];
  const original = Socket.prototype.connect as unknown as Connect;

  const guarded: Connect = function (this: Socket, ...args) {
    const host = targetHost(args);
    if (host === undefined || LOOPBACK.has(host)) {
      return original.apply(this, args);
    }

    blocked.push(host);
    const refusal = Object.assign(new Error(`connect EHOSTUNREACH ${host} (blocked in tests)`), {
      code: "EHOSTUNREACH",
    });
    process.nextTick(() => this.destroy(refusal));
    return this;
  };
  Socket.prototype.connect = guarded as unknown as typeof Socket.prototype.connect;

  return {
    blocked,
    release: () => {
      Socket.prototype.connect = original as unknown as typeof Socket.prototype.connect;
    },
  };
}

/**
 * The host of a `connect` call, in any of its forms: `(options)`, `(port, host)`, or the
 * internal `([options, callback])` that net.createConnection passes. Undefined for a path
 * (Unix socket), which never leaves the machine.
 */
function targetHost(args: unknown[]): string | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];

  if (typeof first === "object" && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === "string") {
      return undefined;
    }
    return typeof options.host === "string" ? stripBrackets(options.host) : "localhost";
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return typeof args[1] === "string" ? stripBrackets(args[1]) : "localhost";
  }
  return undefined;
}

function stripBrackets(host: string): string {
  return host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}
