import type { Category } from "./categories.js";

/** A failure as a person and a pipeline see it: what broke, why, and what to change. */
export interface Failure {
  /** The phase that failed, or `plan` when the settings themselves were wrong. */
  phase: string;
  category: Category;
  /** A short machine-readable cause within the category, e.g. `wrongpass`. */
  cause: string;
  message: string;
  hint: string;
  docs: string;
  /** Shortened, secret-free text of the underlying error, for `--verbose` and JSON. */
  detail: string | null;
}
