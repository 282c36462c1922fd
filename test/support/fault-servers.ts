import { createServer } from "node:net";
import type { Server, Socket } from "node:net";

import { freePort } from "./free-port.js";

/** A misbehaving TCP server on 127.0.0.1. */
export interface FaultServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** How many connections it has accepted so far. */
  accepted(): number;
  /** Closes the listener and every connection it still holds. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * A server that accepts connections and never sends a byte, like a plain-text Redis port
 * receiving a TLS ClientHello or a firewall that swallows packets after the handshake. The
 * sockets stay open until `stop()`.
 */
export function startSilentServer(): Promise<FaultServer> {
  return startFaultServer(() => undefined);
}

/**
 * A server that accepts each connection and at once answers with a TCP reset, like a
 * middlebox or a server that drops the client.
 */
export function startResetServer(): Promise<FaultServer> {
  return startFaultServer((socket) => socket.resetAndDestroy());
}

/**
 * A server that accepts a connection, waits for the client's first bytes and then answers
 * with a TCP reset, like a firewall that inspects the TLS ClientHello (its SNI) or the first
 * command before it blocks the connection. Unlike an immediate reset, this one reaches the
 * client after TCP has connected, in the middle of the TLS handshake or of AUTH.
 */
export function startResetOnDataServer(): Promise<FaultServer> {
  return startFaultServer((socket) => socket.once("data", () => socket.resetAndDestroy()));
}

/**
 * A port on 127.0.0.1 with nothing listening, so connecting is refused. Like any free port it
 * could be taken by another process before it is used; on a test machine that is rare.
 */
export function refusedPort(): Promise<number> {
  return freePort();
}

function startFaultServer(onConnection: (socket: Socket) => void): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  let acceptedCount = 0;

  const server = createServer((socket) => {
    acceptedCount += 1;
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));

    // A client that gives up resets or closes its end; that is expected, not a failure here.
    socket.on("error", () => undefined);
    onConnection(socket);
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve({
        host: "127.0.0.1",
        port: listeningPort(server),
        accepted: () => acceptedCount,
        stop: onceOnly(() => closeAll(server, sockets)),
      });
    });
  });
}

function listeningPort(server: Server): number {
  const address = server.address();
  if (typeof address !== "object" || address === null) {
    throw new Error("fault server is not listening on a TCP port");
  }
  return address.port;
}

function closeAll(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) {
    socket.destroy();
  }

  return new Promise((resolve) => server.close(() => resolve()));
}

function onceOnly(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}
