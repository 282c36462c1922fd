/** What `LineAssembler.take` consumed: up to `next`, and the line if one was completed. */
export interface TakenLine {
  next: number;
  /** The completed line without its CR LF; absent while the line is still incomplete. */
  line?: string;
  /** The line grew past the limit before it ended; the bytes were dropped. */
  tooLong?: boolean;
}

/**
 * Joins the pieces of a CR LF terminated line that TCP may deliver in several chunks, even with
 * the CR at the end of one chunk and the LF at the start of the next. Bounded: a line longer
 * than `maxBytes` is reported as too long instead of being buffered.
 */
export class LineAssembler {
  #parts: Buffer[] = [];
  #bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Consumes `chunk` from `offset` up to and including the next LF, or to its end. */
  take(chunk: Buffer, offset: number): TakenLine {
    const newline = chunk.indexOf(0x0a, offset);
    const end = newline === -1 ? chunk.length : newline;

    this.#bytes += end - offset;
    if (this.#bytes > this.maxBytes) {
      this.#reset();
      return { next: chunk.length, tooLong: true };
    }

    // A copy, so that a short leftover never pins a whole socket chunk in memory.
    this.#parts.push(Buffer.from(chunk.subarray(offset, end)));
    if (newline === -1) {
      return { next: chunk.length };
    }

    const line = Buffer.concat(this.#parts).toString("latin1").replace(/\r$/, "");
    this.#reset();
    return { next: newline + 1, line };
  }

  #reset(): void {
    this.#parts = [];
    this.#bytes = 0;
  }
}
