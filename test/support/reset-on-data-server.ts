import { createServer, type Socket } from "node:net";

import type { FaultServer } from "./fault-servers.js";

/**
 * A server that accepts a connection, waits for the client's first bytes and then answers
 * with a TCP reset, like a firewall that inspects the TLS ClientHello (its SNI) or the first
 * command before it blocks the connection. Unlike an immediate reset, this one reaches the
 * client after TCP has connected, in the middle of the TLS handshake or of AUTH.
 */
export function startResetOnDataServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  let acceptedCount = 0;

  const server = createServer((socket) => {
    acceptedCount += 1;
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.once("data", () => socket.resetAndDestroy());
  });

  let stopping: Promise<void> | undefined;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();

      resolve({
        host: "127.0.0.1",
        port: typeof address === "object" && address !== null ? address.port : 0,
        accepted: () => acceptedCount,
        stop: () =>
          (stopping ??= new Promise<void>((done) => {
            sockets.forEach((socket) => socket.destroy());
            server.close(() => done());
          })),
      });
    });
  });
}
