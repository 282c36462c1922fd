import type { FoundVariable } from "./types.js";

export interface ShownFlags {
  host?: string;
  port?: number;
  tls?: boolean;
  resolve?: { host: string; port: number; address: string };
  connection?: string;
  auth?: string;
  scope?: string;
  authorityHost?: string;
}

/** Lists the flags that shaped the plan, next to the variables, so the plan shows every input. */
export function flagVariables(flags: ShownFlags): FoundVariable[] {
  const { resolve } = flags;
  const shown: [string, string | undefined][] = [
    ["--host", flags.host],
    ["--port", flags.port?.toString()],
    ["--tls", flags.tls === undefined ? undefined : String(flags.tls)],
    ["--resolve", resolve && `${resolve.host}:${resolve.port}:${resolve.address}`],
    ["--connection", flags.connection],
    ["--auth", flags.auth],
    ["--scope", flags.scope],
    ["--authority-host", flags.authorityHost],
  ];

  return shown.flatMap(([name, value]) =>
    value === undefined ? [] : [{ name, value, source: "flag" as const }],
  );
}
