import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { createServer } from "node:tls";
import type { Server } from "node:tls";

import { proxyConnection } from "./resp/proxied-connection.js";
import type { ProxiedConnection, UpstreamTarget } from "./resp/proxied-connection.js";
import { cacheHostName } from "./redis-server.js";
import type { TestCa } from "./test-ca.js";

export type { UpstreamTarget } from "./resp/proxied-connection.js";

export interface TokenExpiryProxyOptions {
  /**
   * The redis-server to forward to. Plain text (the harness's `plainPort`) is the simpler
   * choice; with `tls: true` the upstream certificate is checked against `ca`, or against the
   * proxy's own `ca` when none is given.
   */
  upstream: UpstreamTarget;
  /** Issues the certificate the proxy serves, for the cache's name, localhost and 127.0.0.1. */
  ca: TestCa;
  /** Milliseconds since the epoch. Default `Date.now`; move it to expire tokens early. */
  now?: () => number;
  /** Connections held at once; further ones are refused. Default 32. */
  maxConnections?: number;
}

/** A running proxy on 127.0.0.1 that closes connections whose Entra token has expired. */
export interface TokenExpiryProxy {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** Connections closed because their token expired with no newer AUTH before it. */
  closedForExpiry(): number;
  /** Client connections accepted (TLS handshake done) since the start, open or not. */
  connections(): number;
  /** Client connections open right now. */
  openConnections(): number;
  /** AUTH and HELLO … AUTH commands seen on all connections, JWT or not. */
  authCount(): number;
  /** Stops listening and closes every connection. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a TLS proxy on 127.0.0.1 that behaves like Azure Cache for Redis towards Entra
 * tokens: each AUTH whose password is a JWT sets when the connection expires, a newer AUTH
 * moves that moment, and a connection still on an expired token is closed on both sides.
 * The proxy terminates TLS itself, so it can read the commands; clients connect with
 * `servername: "cache.redis.cache.windows.net"` and trust `ca`.
 */
export async function startTokenExpiryProxy(
  options: TokenExpiryProxyOptions,
): Promise<TokenExpiryProxy> {
  const now = options.now ?? Date.now;
  const upstream = withDefaultCa(options.upstream, options.ca);
  const cert = options.ca.issue(`expiry-proxy-${randomUUID().slice(0, 8)}`, {
    dnsNames: [cacheHostName, "localhost"],
    ipAddresses: ["127.0.0.1"],
  });

  const counts = { accepted: 0, expired: 0, auths: 0 };
  const open = new Set<ProxiedConnection>();
  const rawSockets = new Set<Socket>();

  const server = createServer({ cert: cert.cert, key: readFileSync(cert.keyPath) });
  server.maxConnections = options.maxConnections ?? 32;

  // Raw sockets are tracked from the first byte so that stop() also ends handshakes in flight.
  server.on("connection", (socket: Socket) => {
    rawSockets.add(socket);
    socket.once("close", () => rawSockets.delete(socket));
  });
  // A client that gives up mid-handshake is routine in tests, not a proxy failure.
  server.on("tlsClientError", () => undefined);
  server.on("secureConnection", (client) => {
    counts.accepted += 1;
    const connection = proxyConnection(client, upstream, now, {
      onAuthentication: () => (counts.auths += 1),
      onExpired: () => (counts.expired += 1),
      onClosed: () => open.delete(connection),
    });
    open.add(connection);
  });

  const port = await listenOnLoopback(server);
  let stopping: Promise<void> | undefined;

  return {
    host: "127.0.0.1",
    port,
    closedForExpiry: () => counts.expired,
    connections: () => counts.accepted,
    openConnections: () => open.size,
    authCount: () => counts.auths,
    stop: () => (stopping ??= closeEverything(server, open, rawSockets)),
  };
}

function withDefaultCa(target: UpstreamTarget, ca: TestCa): UpstreamTarget {
  return target.tls && target.ca === undefined ? { ...target, ca: ca.cert } : target;
}

function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);

      const address = server.address();
      if (typeof address === "object" && address !== null) {
        resolve(address.port);
      } else {
        reject(new Error("the proxy is not listening on a TCP port"));
      }
    });
  });
}

function closeEverything(
  server: Server,
  open: Set<ProxiedConnection>,
  rawSockets: Set<Socket>,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));

  for (const connection of open) {
    connection.close();
  }
  for (const socket of rawSockets) {
    socket.destroy();
  }
  return closed;
}
