import { connect } from "node:net";

export type SniffResult = "redis" | "silent" | "closed" | "other" | "unreachable";

/**
 * After a TLS handshake fails or stalls, asks the same port a plain-text PING. A plain Redis
 * port stays silent when sent a TLS ClientHello, so without this check a TLS client pointed
 * at port 6379 looks exactly like a server that hangs; with it, the hint can name the port.
 */
export function sniffPlainTextRedis(
  address: string,
  port: number,
  timeoutMs: number,
): Promise<SniffResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    let received = "";

    const finish = (result: SniffResult): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(received ? "other" : "silent"), timeoutMs);

    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      if (!received.includes("\r\n")) return;

      // Any RESP simple string or error reply means Redis parsed our inline command.
      finish(/^[+-]/.test(received) ? "redis" : "other");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => {
      if (received) finish("other");
      else finish(error.code === "ECONNREFUSED" ? "unreachable" : "closed");
    });
    socket.once("close", () => finish(received ? "other" : "closed"));
  });
}
