import { connect, type Socket } from "node:net";

/**
 * Opens a TCP connection and resolves once it is established. On failure the socket is
 * destroyed before the promise rejects, so a failed attempt holds nothing open.
 */
export function openTcp(
  address: string,
  port: number,
  track: (s: Socket) => void,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port });
    track(socket);

    socket.once("connect", () => {
      socket.removeListener("error", onError);
      resolve(socket);
    });

    function onError(error: Error): void {
      socket.destroy();
      reject(error);
    }
    socket.once("error", onError);
  });
}
