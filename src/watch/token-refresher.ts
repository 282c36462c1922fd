import type { AuthPlan } from "../plan/types.js";
import type { CredentialProvider, ResolvedCredential } from "../probe/credential.js";
import { backoffDelay } from "./backoff.js";
import type { RefreshEvent } from "./events.js";
import { refreshDelay, type RefreshPolicy } from "./refresh-schedule.js";

export interface RefresherOptions {
  auth: AuthPlan;
  provider: CredentialProvider;
  policy: RefreshPolicy;
  timeoutMs: number;
  now: () => number;
  /** Puts a new token on the live connection; resolves with the AUTH time, null if none. */
  reauthenticate: (credential: ResolvedCredential) => Promise<number | null>;
  /** The refresher's credential is the one every later reconnect uses. */
  adopt: (credential: ResolvedCredential) => void;
  report: (event: RefreshEvent) => void;
}

const RETRY_POLICY = { baseMs: 500, maxMs: 60_000 };

/** Token sources may hand back the cached token; look again before it truly runs out. */
const UNCHANGED_RETRY_MAX_MS = 300_000;
const UNCHANGED_RETRY_MIN_MS = 1000;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps a Microsoft Entra token fresh on a live connection: fetches a new token at the
 * policy's point in the current one's lifetime, sends AUTH with it on the connection, and
 * reports each step. A failed refresh is retried with backoff while the old token keeps
 * serving until it expires.
 */
export class TokenRefresher {
  #timer: NodeJS.Timeout | undefined;
  #current: ResolvedCredential | undefined;
  #failures = 0;
  #stopped = false;

  constructor(private readonly options: RefresherOptions) {}

  /** Plans the next refresh for `credential`, replacing any plan for an older one. */
  track(credential: ResolvedCredential): void {
    this.#current = credential;
    this.#failures = 0;
    const lifetime = credential.lifetime;
    if (!lifetime) return;

    const { policy, now } = this.options;
    this.#schedule(
      refreshDelay(lifetime.issuedAt.getTime(), lifetime.expiresOn.getTime(), now(), policy),
    );
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    if (this.#stopped) return;

    this.#timer = setTimeout(() => void this.#refresh(), delayMs);
  }

  async #refresh(): Promise<void> {
    const { options } = this;
    const previous = this.#current?.lifetime?.expiresOn.getTime() ?? 0;

    try {
      const fresh = await options.provider(
        options.auth,
        options.timeoutMs,
        new AbortController().signal,
      );
      if (this.#stopped) return;

      const expiresOn = fresh.lifetime?.expiresOn.getTime() ?? 0;
      if (expiresOn <= previous) {
        this.#reportUnchanged(previous);
        return;
      }

      options.adopt(fresh);
      const reauthMs = await options.reauthenticate(fresh);
      this.track(fresh);
      options.report(this.#event(true, true, expiresOn, reauthMs, null));
    } catch (error) {
      if (this.#stopped) return;
      this.#failures += 1;
      const retryIn = backoffDelay(this.#failures - 1, RETRY_POLICY);
      this.#schedule(retryIn);
      options.report({
        ...this.#event(false, false, previous, null, errorText(error)),
        nextInMs: retryIn,
      });
    }
  }

  #reportUnchanged(expiresOn: number): void {
    const remaining = expiresOn - this.options.now();
    const retryIn = Math.max(
      UNCHANGED_RETRY_MIN_MS,
      Math.min(remaining / 2, UNCHANGED_RETRY_MAX_MS),
    );
    this.#schedule(Math.round(retryIn));
    this.options.report({
      ...this.#event(true, false, expiresOn, null, null),
      nextInMs: Math.round(retryIn),
    });
  }

  #event(
    ok: boolean,
    renewed: boolean,
    expiresOn: number,
    reauthMs: number | null,
    error: string | null,
  ): RefreshEvent {
    return {
      type: "refresh",
      at: new Date(this.options.now()).toISOString(),
      ok,
      renewed,
      expiresOn: expiresOn > 0 ? new Date(expiresOn).toISOString() : null,
      reauthMs,
      error,
      nextInMs: null,
    };
  }
}
