import { createServer } from "node:net";

/**
 * Asks the kernel for a TCP port on 127.0.0.1 that nobody is listening on right now.
 *
 * The port is released again before this returns, so another process may take it before the
 * caller binds it; callers that start a server on it must retry when the bind fails.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);

    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;

      probe.close(() => {
        if (port === 0) {
          reject(new Error("the kernel did not report the port it picked"));
          return;
        }
        resolve(port);
      });
    });
  });
}
