/** A phase that did not finish in time. The classifier turns it into a network failure. */
export class DeadlineError extends Error {
  override readonly name = "DeadlineError";

  constructor(
    readonly phase: string,
    readonly timeoutMs: number,
  ) {
    super(`${phase} did not finish within ${timeoutMs} ms`);
  }
}

/**
 * Races a step against its deadline. `onTimeout` lets the caller tear down what the step
 * holds (a half-open socket, say), because a promise cannot be cancelled from outside and
 * a socket left behind would keep the process alive.
 */
export async function withDeadline<T>(
  phase: string,
  timeoutMs: number,
  step: () => Promise<T>,
  onTimeout?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new DeadlineError(phase, timeoutMs));
    }, timeoutMs);
  });

  try {
    return await Promise.race([step(), expired]);
  } finally {
    clearTimeout(timer);
  }
}
