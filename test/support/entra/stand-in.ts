import type { IncomingMessage, Server, ServerResponse } from "node:http";

import type { TokenIssuedListener } from "./token-ledger.js";
import type { IssuedToken } from "./tokens.js";

/** A running local replacement for an Entra or managed identity endpoint. */
export interface StandIn<Env extends Record<string, string>> {
  /** Base URL, on 127.0.0.1 (or `localhost` for the https authority). */
  url: string;
  /** The variables a test sets so that @azure/identity calls this stand-in. */
  env: Env;
  issued: readonly IssuedToken[];
  onTokenIssued(listener: TokenIssuedListener): void;
  /** Stops listening and drops every open connection. */
  close(): Promise<void>;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Starts `server` on an ephemeral port of 127.0.0.1 and resolves with the port. */
export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : 0);
    });
  });
}

/** Closes a server without waiting for idle keep-alive connections to time out. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Wraps a handler so that a bug in the stand-in answers 500 with its message instead of
 * leaving the client waiting, which would look like a timeout and hide the mistake.
 */
export function guarded(handler: RequestHandler): RequestHandler {
  return async (request, response) => {
    try {
      await handler(request, response);
    } catch (error) {
      if (!response.headersSent) {
        sendJson(response, 500, { error: "stand_in_failure", error_description: String(error) });
      }
    }
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  response.end(text);
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The request's URL parsed against a dummy origin, for its path and query. */
export function requestUrl(request: IncomingMessage): URL {
  return new URL(request.url ?? "/", "http://stand-in");
}
