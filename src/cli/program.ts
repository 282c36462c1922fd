import { Command, Option } from "commander";

import {
  collectNodeMapping,
  parseAuthMethod,
  parsePort,
  parseResolve,
  parseTimeout,
} from "./flag-values.js";
import type { NodeMapping, ResolveOverride } from "./flag-values.js";
import type { AuthMethod } from "../plan/types.js";
import { parseCount, parseDuration, parseFraction } from "./time-values.js";

export const DEFAULT_TIMEOUT_MS = 5000;

/** The options as commander hands them over, already validated value by value. */
export interface CliOptions {
  json?: boolean;
  explain?: boolean;
  host?: string;
  port?: number;
  tls?: boolean;
  caFile?: string;
  resolve?: ResolveOverride;
  timeout: number;
  readOnly?: boolean;
  verbose?: boolean;
  envFile?: string;
  springProperties?: string;
  connection?: string;
  auth?: AuthMethod;
  scope?: string;
  authorityHost?: string;
  count?: number;
  interval?: number;
  watch?: boolean;
  duration?: number;
  quiet?: boolean;
  /** False with --no-token-refresh. */
  tokenRefresh: boolean;
  refreshRatio?: number;
  refreshMargin?: number;
  /** undefined: detect; true: --cluster; false: --no-cluster. */
  cluster?: boolean;
  nodeMap?: NodeMapping[];
}

export interface ProgramOutput {
  writeOut: (text: string) => void;
  writeErr: (text: string) => void;
}

/** The command line, described once; help text and validation both come from here. */
export function createProgram(version: string, output: ProgramOutput): Command {
  return new Command("redis-connector-check")
    .description(
      "Checks whether this app can reach its Azure Cache for Redis (or Azure Managed Redis) " +
        "with the settings Azure Service Connector put in its environment, and says why not.",
    )
    .version(version, "-V, --version", "print the version and exit")
    .option("--json", "print one JSON report on stdout")
    .option("--explain", "print what was found and what would be done; no network traffic")
    .option("--host <host>", "cache host name (wins over the settings)")
    .option("--port <port>", "cache port (wins over the settings)", parsePort)
    .option("--tls", "use TLS (default for Azure hosts)")
    .option("--no-tls", "use plain text")
    .option("--ca-file <path>", "also trust the CA certificates in this PEM file")
    .option(
      "--resolve <host:port:address>",
      "connect to ADDRESS for HOST:PORT, as curl does",
      parseResolve,
    )
    .option("--timeout <ms>", "deadline for each phase", parseTimeout, DEFAULT_TIMEOUT_MS)
    .option("--read-only", "write nothing: PING and GET of a key that does not exist")
    .option("--verbose", "show each phase's details and the underlying errors")
    .option("--env-file <path>", "read settings from a dotenv file (wins over the environment)")
    .option("--spring-properties <path>", "read spring.redis.* / spring.data.redis.* properties")
    .option("--connection <name>", "check the named connection (AZURE_REDIS_<NAME>_...)")
    .addOption(
      new Option("--auth <method>", "force an authentication method").argParser(parseAuthMethod),
    )
    .option("--cluster", "probe the cache as a cluster (default: detected)")
    .option("--no-cluster", "probe only the node the settings name, even on a cluster")
    .option(
      "--node-map <address:port=host:port>",
      "connect to HOST:PORT where a cluster announces ADDRESS:PORT (repeatable)",
      collectNodeMapping,
    )
    .option(
      "--count <n>",
      "after the probe, time N PINGs on its connection (latency figures)",
      parseCount,
    )
    .option(
      "--interval <time>",
      "pause between PINGs (default 10ms) or, with --watch, between probes (default 1s)",
      parseDuration,
    )
    .option("--watch", "probe again and again on one connection until Ctrl-C or --duration")
    .option("--duration <time>", "with --watch: stop after this long (90s, 5m, 1h)", parseDuration)
    .option("--quiet", "with --watch: print only changes, token refreshes, outages and the end")
    .option("--no-token-refresh", "with --watch: never refresh the Entra token, to see it expire")
    .option(
      "--refresh-ratio <fraction>",
      "with --watch: refresh a token after this part of its life (0.7)",
      parseFraction,
    )
    .option(
      "--refresh-margin <time>",
      "with --watch: and at least this long before it expires (3m)",
      parseDuration,
    )
    .option("--scope <scope>", "Microsoft Entra scope (default https://redis.azure.com/.default)")
    .option("--authority-host <url>", "Microsoft Entra authority host (or AZURE_AUTHORITY_HOST)")
    .helpOption("-h, --help", "show this help")
    .addHelpText(
      "after",
      "\nExit codes: 0 pass, 1 internal, 2 config, 3 credential, 4 network, 5 tls, 6 auth, " +
        "7 permission.\nDocs: docs/troubleshooting.md in the package.",
    )
    .exitOverride()
    .configureOutput({ writeOut: output.writeOut, writeErr: output.writeErr })
    .allowExcessArguments(false);
}
