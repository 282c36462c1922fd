/** The kinds of failure a run can end in; each has one exit code and one docs section. */
export type Category =
  "internal" | "config" | "credential" | "network" | "tls" | "auth" | "permission";

/** The documented exit codes. A passing run exits 0. */
export const EXIT_CODES: Readonly<Record<Category, number>> = {
  internal: 1,
  config: 2,
  credential: 3,
  network: 4,
  tls: 5,
  auth: 6,
  permission: 7,
};
