export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff without jitter: `attempt` 0 waits `baseMs`, each further attempt twice
 * as long, never more than `maxMs`. Bounded so a long outage is still retried regularly.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.min(Math.max(0, attempt), 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}
