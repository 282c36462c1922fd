import type { CredentialProvider } from "../probe/credential.js";
import type { DnsResolver } from "../probe/dns/resolver.js";
import { Redactor } from "../report/redact.js";

/** Everything the command touches of the outside world, passed in so tests can supply it. */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  resolver?: DnsResolver;
  credentials?: CredentialProvider;
  /** Stops a --watch (Ctrl-C); the run then prints its summary and exits. */
  signal?: AbortSignal;
}

/** Where the run writes: both streams pass through one redactor that learns secrets as it goes. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  redactor: Redactor;
}

/** Wraps the run's streams so that nothing reaches them without being scrubbed first. */
export function createOutput(io: CliIo): Output {
  const redactor = new Redactor();
  return {
    redactor,
    out: (text) => void io.stdout.write(redactor.scrub(text)),
    err: (text) => void io.stderr.write(redactor.scrub(text)),
  };
}
