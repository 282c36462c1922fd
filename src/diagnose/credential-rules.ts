import type { Rule } from "./rule.js";

/**
 * Entra token failures. The credentials module already names the cause (`kind`); this turns
 * each kind into what to change. Unknown kinds still land in the credential category.
 */
export const credentialRules: readonly Rule[] = [
  (c) => ({
    category: "credential",
    cause: String((c.error as { kind?: unknown } | null)?.kind ?? "other"),
    message: `Credential: no Microsoft Entra token could be obtained (${c.message}).`,
    hint: "See docs/authentication.md for the method in use.",
  }),
];
