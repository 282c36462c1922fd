import { Secret } from "../../src/plan/secret.js";
import type { AuthPlan, Plan, TargetPlan } from "../../src/plan/types.js";

/** A complete, valid plan for unit tests; override only what a test is about. */
export function planFixture(
  overrides: { auth?: Partial<AuthPlan>; target?: Partial<TargetPlan>; readOnly?: boolean } = {},
): Plan {
  return {
    connection: null,
    connections: [],
    auth: {
      method: "connection-string",
      username: null,
      password: new Secret("Fixture+Key/Value=="),
      scope: "https://redis.azure.com/.default",
      ...overrides.auth,
    },
    target: {
      host: "mycache.redis.cache.windows.net",
      port: 6380,
      tls: true,
      database: 0,
      ...overrides.target,
    },
    probe: { timeoutMs: 1000, readOnly: overrides.readOnly ?? false, extraCa: [] },
    variables: [],
    warnings: [],
  };
}
