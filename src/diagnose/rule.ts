import type { Plan } from "../plan/types.js";
import type { FailureEvidence } from "../probe/types.js";
import type { Category } from "./categories.js";

/** Everything a rule may look at to decide what went wrong. */
export interface FailureContext {
  phase: string;
  error: unknown;
  code: string | undefined;
  message: string;
  evidence: FailureEvidence;
  plan: Plan;
}

/** A named cause: the category, what happened, and what to change. */
export interface Diagnosis {
  category: Category;
  cause: string;
  message: string;
  hint: string;
}

/** Returns a diagnosis when the rule recognises the failure, else undefined. */
export type Rule = (context: FailureContext) => Diagnosis | undefined;

export function firstMatch(rules: readonly Rule[], context: FailureContext): Diagnosis | undefined {
  for (const rule of rules) {
    const diagnosis = rule(context);
    if (diagnosis) return diagnosis;
  }
  return undefined;
}

export function endpoint(context: FailureContext): string {
  const { host, port } = context.plan.target;
  return `${host}:${port}`;
}
