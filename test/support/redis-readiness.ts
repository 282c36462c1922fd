import { connect as connectTcp } from "node:net";
import { connect as connectTls } from "node:tls";

/**
 * Sends one inline `PING` to 127.0.0.1:`port` and resolves true as soon as any reply arrives.
 *
 * Any reply counts, `-NOAUTH` included: it proves the server's event loop is serving commands,
 * which is all "ready" means here. Resolves false on refusal, reset or silence past `timeoutMs`.
 */
export function answersPing(port: number, tls: boolean, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    // Certificates are not checked here: readiness only asks whether the server talks, and
    // tests may deliberately serve an expired or wrongly named certificate.
    const socket = tls
      ? connectTls({ host: "127.0.0.1", port, rejectUnauthorized: false })
      : connectTcp({ host: "127.0.0.1", port });

    const finish = (answered: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);

    socket.once(tls ? "secureConnect" : "connect", () => socket.write("PING\r\n"));
    socket.once("data", () => finish(true));
    socket.once("error", () => finish(false));
    socket.once("close", () => finish(false));
  });
}
