import { inspect } from "node:util";

const REDACTED = "***";

/**
 * A value that must never reach output. Every way JavaScript turns an object into text
 * (string conversion, JSON, util.inspect, template literals) yields `***`; only
 * `reveal()` gives the value back, so a leak needs a deliberate call rather than a slip.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
}

export const redacted = REDACTED;
