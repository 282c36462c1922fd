/**
 * ACL rules standing in for Azure's data access policies. Each list follows `on` when the
 * user is created; keys (`~*`) and channels (`&*`) are open, as they are on Azure.
 */
export const accessPolicyRules = {
  /** Data Owner: every command. */
  owner: ["~*", "&*", "+@all"],
  /** Data Contributor: every command but the dangerous ones (so no INFO, CONFIG or KEYS). */
  contributor: ["~*", "&*", "+@all", "-@dangerous"],
  /** Data Reader: reads and connection commands only, so SET is refused with NOPERM. */
  reader: ["~*", "&*", "+@read", "+@connection", "-@dangerous"],
  /** A custom policy that may write but not SET, for errors that must name the command. */
  writerWithoutSet: ["~*", "&*", "+@all", "-set"],
} as const satisfies Record<string, readonly string[]>;
