import type { Socket } from "node:net";
import type { Duplex } from "node:stream";

import type { Redis } from "ioredis";

import type { Plan } from "../plan/types.js";
import { authenticate } from "./commands.js";
import type { CredentialProvider, ResolvedCredential } from "./credential.js";
import { isIdentityMethod } from "./credential.js";
import type { DnsResolver } from "./dns/resolver.js";
import { systemResolver } from "./dns/system-resolver.js";
import { handshake } from "./handshake.js";
import { PhaseFailed, type PhaseLog } from "./phase-log.js";
import { closeRedisSession, openRedisSession } from "./redis-session.js";
import { resolveAddress } from "./resolve-address.js";
import { openTcp } from "./tcp.js";

export interface SessionDependencies {
  resolver?: DnsResolver;
  credentials?: CredentialProvider;
}

/** An authenticated connection, and what it took to open it. */
export interface Session {
  redis: Redis;
  credential: ResolvedCredential;
  address: string;
}

/**
 * Everything one connection holds, so that a failure at any step, or a deadline, can
 * release it all: sockets opened on the way, the client, and what was learned.
 */
export class SessionResources {
  readonly sockets: Socket[] = [];
  readonly warnings: string[] = [];
  address: string | undefined;
  credential: ResolvedCredential | undefined;
  redis: Redis | undefined;

  readonly track = (socket: Socket): void => void this.sockets.push(socket);

  async release(timeoutMs: number): Promise<void> {
    if (this.redis) await closeRedisSession(this.redis, Math.min(timeoutMs, 1000));
    this.sockets.forEach((s) => s.destroy());
  }
}

/**
 * dns, tcp, tls, credential, auth (and select): opens one authenticated connection, each
 * step a timed phase. `reuse` is a credential still good enough to send again, so that a
 * reconnect does not fetch a token it does not need.
 */
export async function openSession(
  plan: Plan,
  log: PhaseLog,
  deps: SessionDependencies,
  held: SessionResources,
  reuse?: ResolvedCredential,
): Promise<Session> {
  const { target } = plan;

  const address = await resolveAddress(plan, log, deps.resolver ?? systemResolver, held.warnings);
  held.address = address;

  const socket = await log.run("tcp", {
    run: () => openTcp(address, target.port, held.track),
    describe: (s) => ({ address, port: target.port, localPort: s.localPort ?? null }),
    onTimeout: () => held.sockets.forEach((s) => s.destroy()),
  });

  const stream = target.tls
    ? await handshake(plan, log, socket, address, held.track, held.warnings)
    : socket;

  const credential = reuse ?? (await obtainCredential(plan, log, deps.credentials));
  held.credential = credential;
  held.warnings.push(...credential.warnings);

  held.redis = await openRedisSession(stream as Duplex, () => {});
  await authenticate(held.redis, log, credential, plan);
  return { redis: held.redis, credential, address };
}

/** The access key from the plan, or a fresh Entra token through the provider. */
export async function obtainCredential(
  plan: Plan,
  log: PhaseLog,
  provider: CredentialProvider | undefined,
): Promise<ResolvedCredential> {
  const { auth } = plan;

  if (!isIdentityMethod(auth)) {
    if (!auth.password) throw new PhaseFailed("auth", new Error("no access key in the settings"));
    return { username: auth.username, password: auth.password, details: {}, warnings: [] };
  }
  if (!provider) throw new PhaseFailed("credential", new Error("no credential provider"));

  const controller = new AbortController();
  return log.run("credential", {
    run: () => provider(auth, plan.probe.timeoutMs, controller.signal),
    describe: (credential) => credential.details,
    onTimeout: () => controller.abort(),
    // The provider has the same deadline and reports a timeout with more detail; let it.
    graceMs: 250,
  });
}
