import { buildPlan } from "../../../src/plan/build-plan.js";
import type { PlanFlags, PlanInput } from "../../../src/plan/build-plan.js";
import { ConfigError } from "../../../src/plan/config-error.js";
import type { Plan } from "../../../src/plan/types.js";

/** A made-up access key with every base64 character that causes trouble in URIs. */
export const KEY = "Ab+cD/eF9gH+iJ/kL0mN+oP/qR1sT+uV/wX2yZ3abcd=";

export const CACHE_HOST = "contoso.redis.cache.windows.net";
export const MANAGED_HOST = "contoso.westeurope.redis.azure.net";

export const BASE_FLAGS: PlanFlags = { timeoutMs: 5000, readOnly: false, extraCa: [] };

/** Builds a plan from an environment and optional flags or files. */
export function planFor(
  env: Record<string, string | undefined>,
  extra: Partial<Omit<PlanInput, "env" | "flags">> & { flags?: Partial<PlanFlags> } = {},
): Plan {
  return buildPlan({ ...extra, env, flags: { ...BASE_FLAGS, ...extra.flags } });
}

/** Runs `action`, expects a ConfigError and returns it for further checks. */
export function configErrorFrom(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }

  throw new Error("expected a ConfigError, but nothing was thrown");
}
