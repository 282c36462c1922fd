import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import type { Socket } from "node:net";

import { freePort } from "../free-port.js";
import type { AppServiceEnv } from "./app-service.js";
import { forgetManagedIdentityState } from "./msal-state.js";

/** A managed identity endpoint that misbehaves, with the variables that lead to it. */
export interface BrokenEndpoint {
  env: AppServiceEnv;
  close(): Promise<void>;
}

/** A silent endpoint also tells how many client connections are still open. */
export interface SilentEndpoint extends BrokenEndpoint {
  openConnections(): number;
}

/** App Service variables naming a port nobody listens on, so the connection is refused. */
export async function startRefusingIdentityEndpoint(): Promise<BrokenEndpoint> {
  const port = await freePort();
  forgetManagedIdentityState();

  return {
    env: appServiceEnv(port),
    close: async () => forgetManagedIdentityState(),
  };
}

/**
 * An App Service identity endpoint that accepts the connection and never answers, like a
 * hung sidecar. It counts the connections the client still holds, so a test can check that
 * a deadline really closed the socket rather than only stopped waiting for it.
 */
export async function startSilentIdentityEndpoint(): Promise<SilentEndpoint> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    // Reading (and dropping) the request lets the socket see the client's FIN and close.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  forgetManagedIdentityState();

  return {
    env: appServiceEnv(port),
    openConnections: () => sockets.size,
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
      forgetManagedIdentityState();
    },
  };
}

function appServiceEnv(port: number): AppServiceEnv {
  return { IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`, IDENTITY_HEADER: randomUUID() };
}
