/**
 * A command answered, but not with what the probe expected. It lives apart from the commands
 * themselves because the classifier needs it on every run, and the commands module brings
 * node:crypto with it, which --version and --explain have no use for.
 */
export class UnexpectedReplyError extends Error {
  override readonly name = "UnexpectedReplyError";

  constructor(
    readonly command: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(`${command} returned ${received}, expected ${expected}`);
  }
}
