/** When to fetch a new Microsoft Entra token, relative to the current one's lifetime. */
export interface RefreshPolicy {
  /** Fraction of the lifetime after which to refresh (default 0.7). */
  ratio: number;
  /** Refresh at least this long before expiry (default 3 minutes). */
  marginMs: number;
}

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = { ratio: 0.7, marginMs: 180_000 };

/** Jitter spreads refreshes of many instances; capped so it never matters for long tokens. */
const JITTER_FRACTION = 0.02;
const MAX_JITTER_MS = 30_000;

/**
 * The margin may not eat a short-lived token whole: capped at 30% of the lifetime, so a
 * token of a few seconds is still refreshed at its 70% mark instead of at once and forever.
 */
const MAX_MARGIN_FRACTION = 0.3;

/**
 * Milliseconds from `nowMs` until the token should be refreshed: at `ratio` of its lifetime,
 * but no later than `marginMs` before expiry, give or take a little jitter. Never negative.
 */
export function refreshDelay(
  issuedAtMs: number,
  expiresAtMs: number,
  nowMs: number,
  policy: RefreshPolicy,
  random: () => number = Math.random,
): number {
  const lifetime = Math.max(0, expiresAtMs - issuedAtMs);
  const margin = Math.min(policy.marginMs, lifetime * MAX_MARGIN_FRACTION);
  const due = issuedAtMs + Math.min(policy.ratio * lifetime, lifetime - margin);
  const jitterSpan = Math.min(lifetime * JITTER_FRACTION, MAX_JITTER_MS);
  const jitter = (random() * 2 - 1) * jitterSpan;

  return Math.max(0, Math.round(due + jitter - nowMs));
}
