import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";

/** The TLS settings the Azure pipeline accepts as `tlsOptions`; only `ca` is used here. */
export interface TrustSettings {
  ca: string[];
}

/**
 * The CA list for HTTPS calls to the Entra authority when `--ca-file` added some. The
 * pipeline hands `ca` to Node's https.Agent, where it replaces the default trust store
 * instead of extending it, so the bundled roots and NODE_EXTRA_CA_CERTS are added back.
 * Returns undefined when there is nothing to add, which leaves Node's defaults untouched.
 */
export function trustSettings(
  extraCa: readonly string[] | undefined,
  env: Readonly<Record<string, string | undefined>>,
): TrustSettings | undefined {
  if (extraCa === undefined || extraCa.length === 0) {
    return undefined;
  }

  return { ca: [...rootCertificates, ...extraCaFromEnv(env), ...extraCa] };
}

function extraCaFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const path = env.NODE_EXTRA_CA_CERTS;
  if (!path) {
    return [];
  }

  try {
    return [readFileSync(path, "utf8")];
  } catch {
    // Node itself only warns about an unreadable file; the check must not fail over it either.
    return [];
  }
}
