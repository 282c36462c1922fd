import { LineAssembler } from "./line-assembler.js";
import {
  countWithin,
  maxArrayLength,
  maxBulkBytes,
  maxKeptArgBytes,
  maxKeptArgs,
  maxLineBytes,
  maxNameBytes,
} from "./limits.js";

/** A command read from a client: its upper-cased name and the arguments that were kept. */
export interface RespCommand {
  name: string;
  /**
   * The first few arguments as UTF-8 text, when the command's arguments were asked for;
   * `undefined` for each one that was not kept (not asked for, or too long).
   */
  args: Array<string | undefined>;
}

export interface CommandReaderOptions {
  /** Whether the arguments of the command with this (upper-cased) name should be kept. */
  keepArgumentsOf(name: string): boolean;
  onCommand(command: RespCommand): void;
}

type Expecting = "array" | "bulk-length" | "bulk-end";

/**
 * Follows the client-to-server byte stream of one connection and reports each command sent as
 * an array of bulk strings, however the bytes are cut into chunks. Only the arguments of the
 * commands the caller asks for are buffered; every other bulk string is skipped by counting, so
 * a large SET costs no memory. Inline commands are not reported. On bytes that are not RESP it
 * stops reading for good (`broken`), since it can no longer tell where a command starts.
 */
export class RespCommandReader {
  #expecting: Expecting = "array";
  #lines = new LineAssembler(maxLineBytes);
  #bulkLeft = -1;
  #bulkParts: Buffer[] | undefined;
  #wordCount = 0;
  #wordIndex = 0;
  #words: Array<string | undefined> = [];
  #keepArgs = false;
  #broken = false;

  constructor(private readonly options: CommandReaderOptions) {}

  /** True once the stream stopped looking like RESP; later bytes are ignored. */
  get broken(): boolean {
    return this.#broken;
  }

  feed(chunk: Buffer): void {
    let offset = 0;

    while (offset < chunk.length && !this.#broken) {
      offset = this.#bulkLeft >= 0 ? this.#readBulk(chunk, offset) : this.#readLine(chunk, offset);
    }
  }

  #readLine(chunk: Buffer, offset: number): number {
    const taken = this.#lines.take(chunk, offset);

    if (taken.tooLong) {
      this.#broken = true;
    } else if (taken.line !== undefined) {
      this.#onLine(taken.line);
    }
    return taken.next;
  }

  #onLine(line: string): void {
    if (this.#expecting === "array") {
      this.#startArray(line);
    } else if (this.#expecting === "bulk-length") {
      this.#startBulk(line);
    } else if (line === "") {
      this.#endWord();
    } else {
      this.#broken = true;
    }
  }

  #startArray(line: string): void {
    // Anything else is an inline command (or a blank line), which Redis also accepts.
    if (!line.startsWith("*")) {
      return;
    }

    // Like Redis, a count of zero or below ("*-1") is an empty command that is skipped.
    const count = line.slice(1);
    const length = /^-\d{1,10}$/.test(count) ? 0 : countWithin(count, maxArrayLength);
    if (length === undefined) {
      this.#broken = true;
    } else if (length > 0) {
      this.#wordCount = length;
      this.#wordIndex = 0;
      this.#words = [];
      this.#keepArgs = false;
      this.#expecting = "bulk-length";
    }
  }

  #startBulk(line: string): void {
    const length = line.startsWith("$") ? countWithin(line.slice(1), maxBulkBytes) : undefined;
    if (length === undefined) {
      this.#broken = true;
      return;
    }

    this.#bulkLeft = length;
    this.#bulkParts = this.#keepsNextWord(length) ? [] : undefined;
  }

  #keepsNextWord(length: number): boolean {
    const index = this.#wordIndex;

    if (index === 0) {
      return length <= maxNameBytes;
    }
    return this.#keepArgs && index <= maxKeptArgs && length <= maxKeptArgBytes;
  }

  #readBulk(chunk: Buffer, offset: number): number {
    const taken = Math.min(this.#bulkLeft, chunk.length - offset);

    this.#bulkParts?.push(Buffer.from(chunk.subarray(offset, offset + taken)));
    this.#bulkLeft -= taken;
    if (this.#bulkLeft === 0) {
      this.#bulkLeft = -1;
      this.#expecting = "bulk-end";
    }
    return offset + taken;
  }

  #endWord(): void {
    const parts = this.#bulkParts;
    this.#bulkParts = undefined;

    // Only the first few words are remembered, so a million-word MSET costs no memory either.
    if (this.#wordIndex <= maxKeptArgs) {
      this.#words.push(parts === undefined ? undefined : Buffer.concat(parts).toString("utf8"));
    }
    if (this.#wordIndex === 0) {
      this.#keepArgs = this.options.keepArgumentsOf(this.#commandName());
    }

    this.#wordIndex += 1;
    if (this.#wordIndex < this.#wordCount) {
      this.#expecting = "bulk-length";
      return;
    }

    this.#expecting = "array";
    this.options.onCommand({ name: this.#commandName(), args: this.#words.slice(1) });
  }

  #commandName(): string {
    return (this.#words[0] ?? "").toUpperCase();
  }
}
