import { connect as connectTcp } from "node:net";
import type { Socket } from "node:net";
import { Transform } from "node:stream";
import { connect as connectTls } from "node:tls";

import { authenticationIn, mayAuthenticate } from "./authentication.js";
import { RespCommandReader } from "./command-reader.js";
import type { RespCommand } from "./command-reader.js";
import { ExpiryDeadline } from "./expiry-deadline.js";
import { jwtExpiryMs } from "./jwt-expiry.js";

/** Where the proxy forwards to. */
export interface UpstreamTarget {
  host: string;
  port: number;
  /** Speak TLS to the upstream. Default false. */
  tls?: boolean;
  /** PEM certificate(s) to trust for the upstream's TLS. */
  ca?: string | string[];
}

export interface ConnectionEvents {
  /** An AUTH or HELLO … AUTH went by; `expiresAtMs` is undefined for a non-JWT password. */
  onAuthentication(expiresAtMs: number | undefined): void;
  /** The token expired with no newer AUTH; the connection is being closed. */
  onExpired(): void;
  /** Both sides are closed, whatever the reason. Called once. */
  onClosed(): void;
}

/** One client connection joined to its own upstream connection. */
export interface ProxiedConnection {
  /** Closes both sides at once. Safe to call more than once. */
  close(): void;
}

/**
 * Joins `client` to a fresh upstream connection. Server-to-client bytes pass untouched; the
 * client-to-server bytes are forwarded unchanged too, but read as RESP on the way so that each
 * AUTH moves the connection's expiry to that of its token. Once the expiry has passed, both
 * sides are closed, as Azure closes a connection whose Entra token ran out.
 */
export function proxyConnection(
  client: Socket,
  target: UpstreamTarget,
  now: () => number,
  events: ConnectionEvents,
): ProxiedConnection {
  let closed = false;
  const upstream = openUpstream(target);
  const deadline = new ExpiryDeadline(now, () => expire());

  const close = (): void => {
    if (closed) return;

    closed = true;
    deadline.cancel();
    client.destroy();
    upstream.destroy();
    events.onClosed();
  };
  const expire = (): void => {
    if (closed) return;

    events.onExpired();
    close();
  };

  const onCommand = (command: RespCommand): void => {
    const authentication = authenticationIn(command);
    if (authentication === undefined) return;

    const password = authentication.password;
    const expiresAtMs = password === undefined ? undefined : jwtExpiryMs(password);
    deadline.set(expiresAtMs);
    events.onAuthentication(expiresAtMs);
  };
  const reader = new RespCommandReader({ keepArgumentsOf: mayAuthenticate, onCommand });

  // The clock is checked before each chunk as well as by the timer: a command that arrives
  // after the expiry must not reach the server even if the timer has not fired yet.
  const inspector = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (deadline.hasPassed()) {
        expire();
        done();
        return;
      }

      reader.feed(chunk);
      done(null, chunk);
    },
  });

  for (const stream of [client, upstream, inspector]) {
    stream.on("error", close);
  }
  client.on("close", close);
  upstream.on("close", close);

  client.pipe(inspector).pipe(upstream);
  upstream.pipe(client);
  return { close };
}

/** Writes made before the upstream is connected are queued by Node until it is. */
function openUpstream(target: UpstreamTarget): Socket {
  if (!target.tls) {
    return connectTcp({ host: target.host, port: target.port });
  }

  // No servername: Node then checks the certificate against the address in `host`, and the
  // harness puts 127.0.0.1 among the IP addresses of every certificate it issues.
  return connectTls({ host: target.host, port: target.port, ca: target.ca });
}
