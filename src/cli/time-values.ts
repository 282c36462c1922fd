import { InvalidArgumentError } from "commander";

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A length of time: `1500`, `1500ms`, `90s`, `5m`, `1h`; a bare number is milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError("expected a time such as 1500ms, 90s, 5m or 1h.");

  const [, amount = "0", unit = "ms"] = match;
  return Math.round(Number(amount) * (UNIT_MS[unit] ?? 1));
}

/** A whole number of at least 1, such as a sample count. */
export function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 1_000_000) {
    throw new InvalidArgumentError("expected a whole number from 1 to 1000000.");
  }
  return count;
}

/** A fraction strictly between 0 and 1, such as the point in a token's life to refresh it. */
export function parseFraction(value: string): number {
  const fraction = Number(value);
  if (!/^0?\.\d+$/.test(value) || fraction <= 0 || fraction >= 1) {
    throw new InvalidArgumentError("expected a fraction between 0 and 1, such as 0.7.");
  }
  return fraction;
}
