import { readFileSync } from "node:fs";
import { createServer as createPlainServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";

import { RespRequestParser } from "./resp-request-parser.js";
import type { IssuedCert } from "./test-ca.js";

/** What to do on one command: send these bytes, then perhaps close the connection. */
export interface ScriptedStep {
  /** Raw RESP to send first, e.g. `+OK\r\n`; nothing when absent. */
  send?: string;
  /** Close the connection once `send` is written. */
  hangUp?: boolean;
}

/** A scripted answer: raw RESP text, or a step that may also close the connection. */
export type ScriptedReply = string | ScriptedStep;

export interface ScriptedServerOptions {
  /** Serve TLS with this certificate; plain text when absent. */
  cert?: IssuedCert;
  /** Answers by upper-cased command name; they replace the built-in ones for that command. */
  replies?: Readonly<Partial<Record<string, ScriptedReply>>>;
}

/** A RESP server on 127.0.0.1 that plays a cache up to the reply a test wants to see. */
export interface ScriptedRespServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** Upper-cased names of the commands received on every connection, in order. */
  received(): string[];
  /** Closes the listener and every open connection. Safe to call twice. */
  stop(): Promise<void>;
}

/** A RESP error reply, e.g. `respError("LOADING Redis is loading")`. */
export function respError(text: string): string {
  return `-${text}\r\n`;
}

/** A RESP bulk string reply. */
export function respBulk(text: string): string {
  return `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
}

/**
 * Just enough of Redis for the probe to pass when nothing is scripted: AUTH and SELECT
 * succeed, PING answers PONG, and SET, GET and DEL work on an in-memory map.
 */
function builtInReply(words: string[], store: Map<string, string>): ScriptedReply {
  const [name = "", first = "", second = ""] = words;

  switch (name.toUpperCase()) {
    case "AUTH":
    case "SELECT":
      return "+OK\r\n";
    case "PING":
      return "+PONG\r\n";
    case "SET":
      store.set(first, second);
      return "+OK\r\n";
    case "GET": {
      const value = store.get(first);
      return value === undefined ? "$-1\r\n" : respBulk(value);
    }
    case "DEL":
      return `:${words.slice(1).filter((key) => store.delete(key)).length}\r\n`;
    case "QUIT":
      return { send: "+OK\r\n", hangUp: true };
    default:
      return respError(`ERR unknown command '${name}'`);
  }
}

function play(socket: Socket, reply: ScriptedReply): void {
  const step = typeof reply === "string" ? { send: reply } : reply;

  if (step.send) socket.write(step.send);
  if (step.hangUp) socket.end();
}

/**
 * Starts a scripted RESP server on a free port of 127.0.0.1. Failures that only a real cache
 * in a particular state produces (LOADING, MOVED, CROSSSLOT, a changed value, a connection
 * closed after AUTH) can then be replayed exactly, without such a cache.
 */
export function startScriptedRespServer(
  options: ScriptedServerOptions = {},
): Promise<ScriptedRespServer> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const store = new Map<string, string>();

  const serve = (socket: Socket): void => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    // Clients give up and reset on purpose in these tests; that is not the server's problem.
    socket.on("error", () => undefined);

    const parser = new RespRequestParser((words) => {
      const name = (words[0] ?? "").toUpperCase();
      received.push(name);
      play(socket, options.replies?.[name] ?? builtInReply(words, store));
    });
    socket.on("data", (chunk: Buffer) => parser.feed(chunk));
  };

  const server: Server = options.cert
    ? createTlsServer(
        {
          cert: readFileSync(options.cert.certPath),
          key: readFileSync(options.cert.keyPath),
        },
        serve,
      )
    : createPlainServer(serve);
  // A client that drops a handshake half way raises this on the server; expected here.
  server.on("tlsClientError", () => undefined);

  return listen(server, sockets, received);
}

function listen(
  server: Server,
  sockets: Set<Socket>,
  received: string[],
): Promise<ScriptedRespServer> {
  let stopping: Promise<void> | undefined;

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;

      resolve({
        host: "127.0.0.1",
        port,
        received: () => [...received],
        stop: () =>
          (stopping ??= new Promise<void>((done) => {
            sockets.forEach((socket) => socket.destroy());
            server.close(() => done());
          })),
      });
    });
  });
}
