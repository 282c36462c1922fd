import { execFile } from "node:child_process";

import { killOnExit } from "./child-reaper.js";
import { adminUserName } from "./redis-admin.js";

export interface CreateClusterInputs {
  /** TLS ports of every node on 127.0.0.1; redis-cli makes the first `primaries` primaries. */
  ports: readonly number[];
  replicas: 0 | 1;
  caCertPath: string;
  /** Sent as SNI. redis-cli (hiredis) verifies the chain but never the name, so IPs work. */
  serverName: string;
  adminPassword: string;
  timeoutMs: number;
}

/**
 * Joins fresh nodes into one cluster with `redis-cli --cluster create` over TLS, as `admin`.
 * The password travels in REDISCLI_AUTH rather than `-a`, so it never shows in `ps`.
 * Rejects with redis-cli's output when it fails or runs past `timeoutMs`.
 */
export function createClusterWithRedisCli(inputs: CreateClusterInputs): Promise<string> {
  const args = [
    "--cluster",
    "create",
    ...inputs.ports.map((port) => `127.0.0.1:${port}`),
    "--cluster-replicas",
    String(inputs.replicas),
    "--cluster-yes",
    "--tls",
    "--cacert",
    inputs.caCertPath,
    "--sni",
    inputs.serverName,
    "--user",
    adminUserName,
  ];
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", REDISCLI_AUTH: inputs.adminPassword };

  return new Promise((resolve, reject) => {
    const child = execFile(
      "redis-cli",
      args,
      { env, timeout: inputs.timeoutMs, killSignal: "SIGKILL" },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        const why = error.killed ? `timed out after ${inputs.timeoutMs} ms` : error.message;
        reject(new Error(`redis-cli --cluster create failed: ${why}\n${stdout}\n${stderr}`));
      },
    );
    killOnExit(child);
  });
}
