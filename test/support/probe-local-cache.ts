import { fakeResolver } from "./fake-resolver.js";
import { cacheHostName } from "./redis-server.js";
import { baseEnv, expectNoSecrets, runInProcess, type CliResult } from "./run-cli.js";
import { sentinelAccessKey } from "./test-world.js";

export interface LocalProbe {
  port: number;
  /** The test CA the command should trust (--ca-file). */
  caPath: string;
  /**
   * How TLS is chosen: `true`/`false` put `ssl=True/False` in the connection string; `"flag"`
   * leaves it out and passes `--tls`/`--no-tls` per `tlsFlag`.
   */
  tls?: boolean | "flag";
  tlsFlag?: boolean;
  timeoutMs?: number;
  /** Settings to use instead of the access-key StackExchange connection string. */
  env?: Record<string, string>;
  /** Secrets that must not reach either stream; the sentinel access key by default. */
  secrets?: readonly string[];
}

/**
 * Runs the command in process against the cache's name mapped to 127.0.0.1:`port`, with the
 * access key and `--json`. The resolver knows no names, so a lookup that slipped past
 * `--resolve` would fail the run instead of reaching the system resolver.
 */
export async function probeLocalCache(probe: LocalProbe): Promise<CliResult> {
  const { port, tls = true } = probe;
  const ssl = tls === "flag" ? "" : `,ssl=${tls ? "True" : "False"}`;
  const env = probe.env ?? {
    AZURE_REDIS_CONNECTIONSTRING: `${cacheHostName}:${port},password=${sentinelAccessKey}${ssl}`,
  };
  const argv = [
    "--json",
    ...(tls === "flag" ? [probe.tlsFlag ? "--tls" : "--no-tls"] : []),
    ...["--resolve", `${cacheHostName}:${port}:127.0.0.1`, "--ca-file", probe.caPath],
    ...(probe.timeoutMs === undefined ? [] : ["--timeout", String(probe.timeoutMs)]),
  ];

  const result = await runInProcess(argv, baseEnv(env), { resolver: fakeResolver() });

  expectNoSecrets(result, probe.secrets ?? [sentinelAccessKey]);
  return result;
}
