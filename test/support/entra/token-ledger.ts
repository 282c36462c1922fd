import type { IssuedToken } from "./tokens.js";

/** Called for each token before the stand-in sends it, so the test can act on it first. */
export type TokenIssuedListener = (issued: IssuedToken) => void | Promise<void>;

/**
 * The tokens a stand-in issued. Listeners run before the response leaves, so a test that
 * registers each token as a Redis ACL password has the user in place by the time the
 * client holds the token.
 */
export class TokenLedger {
  readonly issued: IssuedToken[] = [];
  readonly #listeners: TokenIssuedListener[] = [];

  onTokenIssued(listener: TokenIssuedListener): void {
    this.#listeners.push(listener);
  }

  async record(token: IssuedToken): Promise<void> {
    this.issued.push(token);
    for (const listener of this.#listeners) {
      await listener(token);
    }
  }
}
