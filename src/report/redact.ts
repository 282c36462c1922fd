import { redacted } from "../plan/secret.js";

/** Values shorter than this are too likely to occur by chance in ordinary text. */
const MIN_SECRET_LENGTH = 8;

/**
 * A last line of defence behind the `Secret` type: every byte the tool writes passes through
 * here, and any known secret value (keys, tokens, client secrets, identity headers) is
 * replaced, also in its URI-encoded form. Secrets are registered as soon as they are known.
 */
export class Redactor {
  readonly #values = new Set<string>();

  add(value: string | undefined | null): void {
    if (!value || value.length < MIN_SECRET_LENGTH) return;

    this.#values.add(value);
    const encoded = encodeURIComponent(value);
    if (encoded !== value) this.#values.add(encoded);
  }

  scrub(text: string): string {
    let clean = text;
    // Longest first, so a secret that contains another is replaced whole.
    const values = [...this.#values].sort((a, b) => b.length - a.length);
    for (const value of values) clean = clean.split(value).join(redacted);

    return clean;
  }
}
