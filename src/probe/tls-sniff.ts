import { connect } from "node:tls";
import { isIP } from "node:net";

/**
 * After a plain-text connection is closed on the probe, asks the same port for a TLS
 * handshake (certificate not checked: only the protocol matters here). A TLS-only Redis port
 * drops plain text without a word, so this is how "the port wants TLS" is told apart from
 * "the server hung up".
 */
export function sniffTls(
  address: string,
  port: number,
  host: string,
  timeoutMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({
      host: address,
      port,
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
    });
    const finish = (speaksTls: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(speaksTls);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);

    socket.once("secureConnect", () => finish(true));
    socket.once("error", () => finish(false));
    socket.once("close", () => finish(false));
  });
}
