// setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days), so a far deadline
// is approached in steps of at most this long.
const maxTimerDelayMs = 2 ** 31 - 1;

/**
 * The moment a connection's token expires, with a timer that calls `onExpired` once it has
 * passed. The clock is injectable; the timer only wakes the check up, and it re-reads the
 * clock before acting, so a clock that runs ahead of or behind real time is still obeyed.
 */
export class ExpiryDeadline {
  #atMs: number | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly now: () => number,
    private readonly onExpired: () => void,
  ) {}

  /** Moves the deadline, or removes it with `undefined` (a password that never expires). */
  set(atMs: number | undefined): void {
    this.#atMs = atMs;
    this.#schedule();
  }

  hasPassed(): boolean {
    return this.#atMs !== undefined && this.now() >= this.#atMs;
  }

  cancel(): void {
    this.#atMs = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#atMs === undefined) {
      return;
    }

    const delay = Math.min(Math.max(this.#atMs - this.now(), 0), maxTimerDelayMs);
    this.#timer = setTimeout(() => this.#wake(), delay);

    // A deadline alone should never keep a test process alive; open sockets do that anyway.
    this.#timer.unref();
  }

  #wake(): void {
    this.#timer = undefined;

    if (this.hasPassed()) {
      this.onExpired();
    } else {
      this.#schedule();
    }
  }
}
