import { randomUUID } from "node:crypto";

import type { StandInIdentity } from "./identities.js";
import { TokenLedger } from "./token-ledger.js";
import { mintAccessToken } from "./tokens.js";
import type { IssuedToken } from "./tokens.js";

/** Options shared by the App Service and IMDS stand-ins. */
export interface ManagedIdentityStandInOptions {
  /** `system` and `user` identities; others are ignored by managed identity endpoints. */
  identities: readonly StandInIdentity[];
  /** Tenant for identities without one; default: a fresh GUID. */
  tenantId?: string;
  /** Default: 86400, as managed identity tokens last about a day. */
  tokenLifetimeSeconds?: number;
}

/** Issues managed identity tokens and records them; the protocol wrappers only format. */
export class ManagedIdentityIssuer {
  readonly ledger = new TokenLedger();
  readonly #identities: readonly StandInIdentity[];
  readonly #tenantId: string;
  readonly #lifetimeSeconds: number;

  constructor(options: ManagedIdentityStandInOptions) {
    this.#identities = options.identities;
    this.#tenantId = options.tenantId ?? randomUUID();
    this.#lifetimeSeconds = options.tokenLifetimeSeconds ?? 86_400;
  }

  get identities(): readonly StandInIdentity[] {
    return this.#identities;
  }

  async issue(identity: StandInIdentity, audience: string): Promise<IssuedToken> {
    const issued = mintAccessToken({
      identity,
      tenantId: identity.tenantId ?? this.#tenantId,
      audience,
      lifetimeSeconds: this.#lifetimeSeconds,
    });
    await this.ledger.record(issued);
    return issued;
  }
}

/** A managed identity `resource` parameter, without the `/.default` a scope would carry. */
export function resourceOf(query: URLSearchParams): string | undefined {
  const resource = query.get("resource");
  return resource ? resource.replace(/\/\.default$/, "") : undefined;
}
