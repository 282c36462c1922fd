import type { Socket } from "node:net";
import { connect, rootCertificates, type PeerCertificate, type TLSSocket } from "node:tls";
import { isIP } from "node:net";

import type { PhaseDetails } from "./types.js";

export interface TlsOptions {
  /** The name SNI and certificate checks use: the cache's host name, not the address. */
  servername: string;
  /** PEM CAs to trust besides the system store; empty means the store alone. */
  extraCa: string[];
}

/**
 * Node drops its default store (and NODE_EXTRA_CA_CERTS) as soon as `ca` is given, so
 * "in addition to the system store" means passing the store back in explicitly.
 */
function trustedCas(extraCa: string[]): string[] | undefined {
  if (extraCa.length === 0) return undefined;

  return [...rootCertificates, ...extraCa];
}

/** Runs the TLS handshake on an open socket; rejects with Node's own certificate errors. */
export function upgradeToTls(
  socket: Socket,
  options: TlsOptions,
  track: (s: TLSSocket) => void,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = connect({
      socket,
      // SNI must be a host name; an IP address is checked against the certificate's IP SANs.
      servername: isIP(options.servername) ? undefined : options.servername,
      host: options.servername,
      ca: trustedCas(options.extraCa),
    });
    track(secure);

    secure.once("secureConnect", () => {
      secure.removeListener("error", onError);
      resolve(secure);
    });

    function onError(error: Error): void {
      secure.destroy();
      reject(error);
    }
    secure.once("error", onError);
  });
}

const DAY_MS = 86_400_000;

function nameOf(entity: PeerCertificate["subject"] | undefined): string | null {
  const name = entity?.CN ?? entity?.O;
  if (name === undefined) return null;

  return Array.isArray(name) ? name.join(", ") : name;
}

/** What a person checking a certificate wants to see, read from the finished handshake. */
export function describeTls(secure: TLSSocket, nowMs: number): PhaseDetails {
  const cert = secure.getPeerCertificate();
  const cipher = secure.getCipher();
  const validTo = cert.valid_to ? new Date(cert.valid_to) : null;
  const sans = (cert.subjectaltname ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);

  return {
    protocol: secure.getProtocol() ?? null,
    cipher: cipher?.name ?? null,
    subject: nameOf(cert.subject),
    issuer: nameOf(cert.issuer),
    subjectAltNames: sans,
    validTo: validTo ? validTo.toISOString() : null,
    daysToExpiry: validTo ? Math.floor((validTo.getTime() - nowMs) / DAY_MS) : null,
  };
}
